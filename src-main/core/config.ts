/**
 * Where the data folder is: an explicit flag, else MEDALLION_DATA_DIR (when not blank), else the
 * fallback (`./data` for the CLI, `<userData>/data` for the app). Always absolute.
 */
import { resolve } from 'node:path'

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, fallback: string): string {
  const fromEnv = env.MEDALLION_DATA_DIR?.trim()
  return resolve(flag ?? (fromEnv || fallback))
}
