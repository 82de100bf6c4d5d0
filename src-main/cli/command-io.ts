/** What every `medallion` command writes through, and the error that means "the command line is wrong". */

export interface CommandIo {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
  /** Writes the value as JSON with --json, else the text. */
  print(value: unknown, text: string): void
  /** Awaits a task, showing its progress on stderr (nothing with --json). */
  follow<T>(started: { task: { id: string }; done: Promise<T> }): Promise<T>
}

/** A wrong command line: the message, then the usage, and exit code 2. */
export class UsageError extends Error {}

/** A whole non-negative number from a flag (`integer` false allows fractions), or undefined when absent. */
export function numberFlag(name: string, raw: string | undefined, integer = true): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw new UsageError(`--${name} expects a ${integer ? 'whole ' : ''}non-negative number, got "${raw}"`)
  }
  return n
}
