/**
 * The desktop app's SecretBox: Electron's safeStorage, which encrypts with a key the OS keeps (Keychain on
 * macOS, DPAPI on Windows, the secret service or KWallet on Linux). main passes `safeStorage` in, so
 * this file needs no `electron` import (only index.ts and ipc.ts import it) and runs in a plain test.
 */
import type { SecretBox } from './core/settings/secret-box.ts'

/** The part of Electron's `safeStorage` used here (available once the app is ready). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export function safeStorageSecretBox(safeStorage: SafeStorageLike): SecretBox {
  return {
    get available() {
      // On Linux without a keyring, safeStorage falls back to a password written in Chromium's source
      // ('basic_text'): that is obfuscation, not protection, so secrets are refused there.
      return safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
    },
    encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
    decrypt: (base64) => safeStorage.decryptString(Buffer.from(base64, 'base64')),
  }
}
