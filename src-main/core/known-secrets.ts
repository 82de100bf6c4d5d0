/**
 * The secrets one core knows (its environment's, the decrypted settings', the backends' keys, and any
 * saved while it runs), so that every task log, task error and call error it hands out is redacted with
 * them: the patterns of redact.ts catch a password inside a URL, only the known values catch it alone.
 */
import { secretsFromEnv, secretsInValue, textRedactor } from './redact.ts'

export class KnownSecrets {
  private readonly secrets = new Set<string>()
  private redactor: (text: string) => string = textRedactor([])

  constructor(env: Record<string, string | undefined>, ...values: unknown[]) {
    this.add(secretsFromEnv(env))
    for (const value of values) this.learn(value)
  }

  /** Learns the secrets JSON-like data holds: values under secret-named keys and URL passwords. */
  learn(value: unknown): void {
    this.add(secretsInValue(value))
  }

  add(secrets: Iterable<string>): void {
    const before = this.secrets.size
    for (const secret of secrets) if (secret) this.secrets.add(secret)
    if (this.secrets.size !== before) this.redactor = textRedactor(this.secrets)
  }

  list(): string[] {
    return [...this.secrets]
  }

  /** The text with every known secret (any common encoding) and every credential pattern masked. */
  redact(text: string): string {
    return this.redactor(text)
  }
}
