/**
 * A failed call, for people: a plain sentence and the next step (error-explain.ts), what the core said,
 * and the technical detail (code, call, raw message) behind a disclosure. Connection failures are left to
 * the one connection bar.
 */
import { TextWithCode } from './app/TextWithCode.tsx'
import { explainError, isConnectionError } from './errors/error-explain.ts'
import './errors/errors.css'

export function ErrorNote({ error }: { error: unknown }) {
  if (!error || isConnectionError(error)) return null
  const { sentence, next, said, code, call, raw } = explainError(error)
  return (
    <div className="note note-error error-note-body" role="alert" data-testid="error-note" data-code={code}>
      <p className="error-sentence">
        <strong>
          <TextWithCode text={sentence} />
        </strong>{' '}
        {next ? <TextWithCode text={next} /> : null}
      </p>
      {said ? (
        <p className="error-said">
          <TextWithCode text={said} />
        </p>
      ) : null}
      <details className="error-details">
        <summary>Technical details</summary>
        <dl>
          {code ? (
            <>
              <dt>Code</dt>
              <dd>
                <code className="error-code">{code}</code>
              </dd>
            </>
          ) : null}
          {call ? (
            <>
              <dt>Call</dt>
              <dd>
                <code>{call}</code>
              </dd>
            </>
          ) : null}
          <dt>Message</dt>
          <dd>
            <code className="error-raw">{raw}</code>
          </dd>
        </dl>
      </details>
    </div>
  )
}
