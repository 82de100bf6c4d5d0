/** Where the data folder is: an explicit flag, else MEDALLION_DATA_DIR, else `./data`. */
import { resolve } from 'node:path'

export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  fallback = 'data',
): string {
  return resolve(flag ?? env.MEDALLION_DATA_DIR ?? fallback)
}
