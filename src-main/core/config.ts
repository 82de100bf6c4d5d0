/**
 * Where the data folder is: an explicit flag, else MEDALLION_DATA_DIR (when not blank), else the
 * fallback (`./data` for the CLI in a clone; for the app, the folder chosen in Settings or the OS's
 * app-data folder). Always absolute.
 */
import { resolve } from 'node:path'
import type { DataDirSource } from '../../src-preload/names-app.ts'

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, fallback: string): string {
  return chooseDataDir(flag, env, { dir: fallback, source: 'default' }).dir
}

/** The data folder and what chose it. */
export function chooseDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  fallback: { dir: string; source: DataDirSource },
): { dir: string; source: DataDirSource } {
  if (flag !== undefined) return { dir: resolve(flag), source: 'flag' }
  const fromEnv = env.MEDALLION_DATA_DIR?.trim()
  if (fromEnv) return { dir: resolve(fromEnv), source: 'environment' }
  return { dir: resolve(fallback.dir), source: fallback.source }
}
