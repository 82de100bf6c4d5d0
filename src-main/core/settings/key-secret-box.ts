/**
 * A SecretBox over a 256-bit key the caller holds (AES-256-GCM, a fresh IV per secret): for tests, and
 * for a host that keeps its own key. The desktop app uses the OS keychain instead (settings-safe-storage.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretBox } from './secret-box.ts'

const IV_BYTES = 12
const TAG_BYTES = 16

export function keySecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('keySecretBox needs a 32-byte key')
  return {
    available: true,
    encrypt(text) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
    },
    decrypt(base64) {
      const bytes = Buffer.from(base64, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}
