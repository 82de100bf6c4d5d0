/**
 * The data folder's imports: each upload lands in `<data>/imports/<importId>/`, an id made here (UTC time,
 * then random), so a caller never names a folder. An import is complete when both sources are in it.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { IMPORT_FILE_NAMES, IMPORT_ID_PATTERN } from '../../../src-preload/names-import.ts'
import { MedallionError } from '../errors.ts'
import { importsDir } from '../input-roots.ts'

export function newImportId(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '')
  // Base 36 of random bytes, 8 characters: ids made in the same second do not meet.
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(8, '0')
    .slice(-8)
  return `${stamp}-${random}`
}

/** The folder of an import id, refused unless it is one this server could have made. */
export function importFolder(dataDir: string, importId: string): string {
  if (!IMPORT_ID_PATTERN.test(importId)) {
    throw new MedallionError(
      'bad_import',
      `"${importId.slice(0, 40)}" is not an import id given by POST /upload`,
    )
  }
  return join(importsDir(dataDir), importId)
}

/** Which of the two sources are in an import's folder (under any of their accepted names). */
export function importHolds(folder: string): { clients: boolean; achats: boolean } {
  const has = (table: string) =>
    IMPORT_FILE_NAMES.some((name) => name.startsWith(`${table}.`) && existsSync(join(folder, name)))
  return { clients: has('clients'), achats: has('achats') }
}
