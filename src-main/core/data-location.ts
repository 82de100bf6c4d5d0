/**
 * The data folder the user chose in the desktop app's Settings, kept outside any data folder: a small
 * JSON file in the app's own configuration folder (Electron's userData). Without it, the app uses
 * `<userData>/data`. The CLI carried by the app reads the same file.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { DataDirSource } from '../../src-preload/names-app.ts'
import { writeFileAtomicSync } from './atomic-file.ts'

const LOCATION_FILE = 'data-location.json'

/** The chosen data folder, else the default one inside `configDir`. */
export function appDataDir(configDir: string): { dir: string; source: DataDirSource } {
  try {
    const { dataDir } = JSON.parse(readFileSync(join(configDir, LOCATION_FILE), 'utf8')) as {
      dataDir?: unknown
    }
    if (typeof dataDir === 'string' && isAbsolute(dataDir)) return { dir: dataDir, source: 'chosen' }
  } catch {
    // No file (the default) or a damaged one: the default folder, which always exists to fall back on.
  }
  return { dir: join(configDir, 'data'), source: 'default' }
}

/** Records the chosen folder (written whole or not at all). */
export function saveDataDir(configDir: string, dataDir: string): void {
  mkdirSync(configDir, { recursive: true })
  writeFileAtomicSync(join(configDir, LOCATION_FILE), `${JSON.stringify({ dataDir }, null, 2)}\n`)
}
