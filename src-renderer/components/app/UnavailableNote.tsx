/**
 * What to do instead of an action the desktop window alone can perform (a folder picker in a browser):
 * the core's `unavailable` message as help, not as an error.
 */
import { TextWithCode } from './TextWithCode.tsx'

export function UnavailableNote({ title, error }: { title: string; error: Error }) {
  const message = error.message.replace(/\s*$/, '')
  return (
    <div className="note note-help" aria-live="polite" data-testid="unavailable-note">
      <strong className="note-help-title">{title}</strong>
      <p>
        <TextWithCode text={/[.!?]$/.test(message) ? message : `${message}.`} />
      </p>
    </div>
  )
}
