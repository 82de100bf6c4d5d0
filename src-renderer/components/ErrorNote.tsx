/** A failed call, as a short note: the error's code (when it has one) and its message. */
import { isClientError } from '../api/client.ts'

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  return (
    <p className="note note-error" role="alert">
      {isClientError(error) ? <code className="error-code">{error.code}</code> : null}
      {message}
    </p>
  )
}
