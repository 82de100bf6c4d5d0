// Where Electron's binary is (the `electron` package's download), or undefined when it was never fetched:
// package.json tells npm 11 to skip the download (`allowScripts`), so a clone needs only the npm registry,
// and `npm start` fetches it when the window is wanted. Plain JavaScript: start-desktop.mjs runs it as is.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ELECTRON_PACKAGE = resolve(import.meta.dirname, '..', 'node_modules', 'electron')

/** The binary's path inside the package, per platform, as Electron's own install script names it. */
export function electronPlatformPath(platform = process.platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

export function electronBinary() {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : electronPlatformPath()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(ELECTRON_PACKAGE, 'dist')
  const binary = join(dist, relative)
  return existsSync(binary) ? binary : undefined
}
