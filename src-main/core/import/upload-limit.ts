/**
 * The largest file an upload may bring: 2 GiB unless MEDALLION_UPLOAD_LIMIT says otherwise, in bytes or
 * with a unit (`500MB`, `1.5 GiB`, `64k`; k/M/G are powers of 1000, KiB/MiB/GiB of 1024). No library:
 * none of the app's dependencies parses sizes, and this is the one place that needs it.
 */
import { MedallionError } from '../errors.ts'

export const UPLOAD_LIMIT_VARIABLE = 'MEDALLION_UPLOAD_LIMIT'
export const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
}

export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  const unit = UNITS[match?.[2]?.toLowerCase() ?? 'x']
  if (!match || unit === undefined) {
    throw new MedallionError(
      'bad_upload_limit',
      `${UPLOAD_LIMIT_VARIABLE} must be a size in bytes, or with a unit (500MB, 2GiB), got "${text.slice(0, 40)}"`,
    )
  }
  return Math.floor(Number(match[1]) * unit)
}

export function uploadLimit(env: Record<string, string | undefined>): number {
  const raw = env[UPLOAD_LIMIT_VARIABLE]
  return raw === undefined || raw.trim() === '' ? DEFAULT_UPLOAD_LIMIT : parseByteSize(raw)
}

/** A size as people read it: 2 GiB, 512 KiB, 300 bytes. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`
  }
  return `${bytes} bytes`
}
