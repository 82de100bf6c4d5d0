/**
 * The owner keeps its schedules and saved watches in step with their files, which the CLI and the window
 * change while it runs: read at once, then again every `everyMs`. A read that fails is logged once, and
 * again only when its message changes, so a bad file does not fill the log each second.
 */
import { errorMessage } from '../errors.ts'

export interface FileRereadOptions<T> {
  /** Reads and checks the file (throws on a bad one). */
  read: () => T
  /** Takes each good read. */
  apply: (value: T) => void
  log: (line: string) => void
  /** What the file holds, for the log line: "schedules", "saved watches". */
  what: string
  everyMs: number
}

/** Reads now and on every tick until stopped. */
export function rereadFile<T>(options: FileRereadOptions<T>): { stop: () => void } {
  let lastError = ''
  const reload = () => {
    let value: T
    try {
      value = options.read()
    } catch (err) {
      const message = errorMessage(err)
      if (message !== lastError) options.log(`${options.what} not reloaded: ${message}`)
      lastError = message
      return
    }
    lastError = ''
    options.apply(value)
  }
  reload()
  const timer = setInterval(reload, options.everyMs)
  return { stop: () => clearInterval(timer) }
}
