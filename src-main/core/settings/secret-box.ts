/**
 * What keeps the secrets of settings.json (a password inside the MongoDB URL, the MinIO secret key) out
 * of plain JSON: the desktop app passes one backed by the OS keychain (Electron's safeStorage, see
 * src-main/settings-safe-storage.ts). The CLI and web mode have none, so they refuse to save a secret.
 */
export interface SecretBox {
  /** False when the OS offers no real key store: a secret is then refused rather than stored weakly. */
  readonly available: boolean
  /** The text encrypted, as base64. */
  encrypt(text: string): string
  /** Throws when the text was encrypted under another key (another user, a reset keychain). */
  decrypt(base64: string): string
}
