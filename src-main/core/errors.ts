/** An error meant for the user: a stable code and a message that names the file, row or field at fault. */
export class MedallionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'MedallionError'
  }
}

export function errorCode(err: unknown): string {
  return err instanceof MedallionError ? err.code : 'internal'
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
