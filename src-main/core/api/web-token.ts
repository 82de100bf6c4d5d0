/**
 * The per-launch token of web mode, as Jupyter's: whoever holds it is the server's owner. A fresh one is
 * 256 random bits (base64url); automation may fix it (MEDALLION_TOKEN, --token-file), never on the command
 * line, where other users see it in `ps`. Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { MedallionError } from '../errors.ts'

export const WEB_TOKEN_BYTES = 32

/**
 * A fixed token must be at least this long: a generated one is 43 characters; 32 random base64url
 * characters still carry 192 bits.
 */
export const MIN_WEB_TOKEN_LENGTH = 32
const MAX_WEB_TOKEN_LENGTH = 512

/** Characters that travel unchanged in a URL's query, a cookie and an `Authorization: Bearer` header. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/

export function newWebToken(): string {
  return randomBytes(WEB_TOKEN_BYTES).toString('base64url')
}

/** The token as given (already trimmed), or a clear refusal naming where it came from. */
export function checkWebToken(token: string, from: string): string {
  if (token === '') {
    throw new MedallionError(
      'bad_token',
      `${from} is empty: a web token needs ${MIN_WEB_TOKEN_LENGTH}+ characters`,
    )
  }
  if (token.length < MIN_WEB_TOKEN_LENGTH || token.length > MAX_WEB_TOKEN_LENGTH) {
    throw new MedallionError(
      'bad_token',
      `${from} holds a token of ${token.length} characters: it needs ${MIN_WEB_TOKEN_LENGTH} to ${MAX_WEB_TOKEN_LENGTH}` +
        ' (e.g. `openssl rand -base64 32 | tr "+/" "-_" | tr -d =`)',
    )
  }
  if (!TOKEN_CHARACTERS.test(token)) {
    throw new MedallionError(
      'bad_token',
      `${from} holds characters a token cannot carry in a URL or cookie: use letters, digits and . _ ~ -`,
    )
  }
  return token
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/**
 * Whether `given` is the token, in time independent of where they differ: both are hashed first, so the
 * buffers compared have the same length whatever was sent.
 */
export function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined || given === '') return false
  return timingSafeEqual(digest(expected), digest(given))
}
