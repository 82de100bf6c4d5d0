// `npm start`: opens Medallion's window. Electron's binary is fetched here, when the window is wanted, not
// at install (package.json's allowScripts skips Electron's own download, so `npm install` needs only the
// npm registry). Then the app is built and started. Where the binary cannot be fetched, one message says
// what was tried and that `medallion serve` opens the same UI in a browser.
import { execFileSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { ensureCliBundle, REPO_ROOT } from './cli-bundle.mjs'
import { ELECTRON_PACKAGE, electronBinary } from './electron-binary.mjs'

function fetchElectron() {
  const source = process.env.ELECTRON_MIRROR
    ? `the mirror ${process.env.ELECTRON_MIRROR} (ELECTRON_MIRROR)`
    : 'GitHub (github.com/electron/electron/releases; set ELECTRON_MIRROR to use a mirror)'
  console.error(`medallion: Electron's binary is not installed yet: downloading it from ${source}…`)
  try {
    // Electron's own installer: it honours ELECTRON_MIRROR, the proxy variables and its download cache.
    execFileSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], {
      cwd: ELECTRON_PACKAGE,
      stdio: ['ignore', 'inherit', 'pipe'],
    })
  } catch (err) {
    const detail = String(err.stderr ?? err.message)
      .split('\n')
      .find((line) => /Error|ENOTFOUND|ECONN|status/i.test(line))
    console.error(
      [
        `medallion: the window needs Electron's binary, and it could not be downloaded from ${source}`,
        `  (${(detail ?? 'no reason given').trim()}).`,
        '  The same UI runs in a browser without it:  npm run build && npx medallion serve  (then open the address it prints).',
      ].join('\n'),
    )
    process.exit(1)
  }
  return electronBinary()
}

const binary = electronBinary() ?? fetchElectron()
if (!binary) {
  console.error(
    `medallion: Electron's installer finished but left no binary in ${join(ELECTRON_PACKAGE, 'dist')}`,
  )
  process.exit(1)
}
console.error('medallion: building the app…')
execFileSync(
  process.execPath,
  [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
await ensureCliBundle()
const app = spawn(binary, [REPO_ROOT, ...process.argv.slice(2)], { stdio: 'inherit' })
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
