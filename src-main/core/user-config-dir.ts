/**
 * The user's configuration folder for Medallion, outside every data folder: what belongs to the user
 * rather than to one data folder (the stack's credentials, the chosen data folder). The desktop app uses
 * Electron's `userData`; the CLI finds the same folder without Electron: MEDALLION_CONFIG_DIR, else the
 * OS's place for an app's configuration (as Electron derives `userData` from `appData` and the app's name).
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The packaged app's name (electron-builder's productName): Electron names its userData folder after it. */
const APP_NAME = 'Medallion'

export function userConfigDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const chosen = env.MEDALLION_CONFIG_DIR?.trim()
  if (chosen) return resolve(chosen)
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), APP_NAME)
}
