/**
 * `npm run package:check`: builds the app, packages it unpacked for this platform with electron-builder
 * (`dist/<platform>-unpacked`, the configuration in electron-builder.ts), and checks the packaged layout
 * (scripts/package-layout.ts). Installers (AppImage, deb, dmg, NSIS) are `npm run dist`'s, on machines
 * that can download their tools.
 *
 * Where Electron's binary could not be downloaded (as on the machines this project is developed on), a
 * stand-in folder takes its place, and the output says so. Fuses live in the real binary, so they are not
 * flipped then (electron-builder.ts leaves them out when MEDALLION_ELECTRON_DIST names a stand-in).
 */
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildCliBundle, ensureCliBundle, REPO_ROOT } from './cli-bundle.mjs'
import { electronBinary, electronPlatformPath } from './electron-binary.mjs'
import { makeIcons } from './make-icons.mjs'
import { checkPackageLayout, type LayoutReport } from './package-layout.ts'

const run = promisify(execFile)
const DIST = join(REPO_ROOT, 'dist')

export interface PackagedApp extends LayoutReport {
  /** The unpacked app, e.g. dist/linux-unpacked. */
  appDir: string
  /** Set when Electron's binary was missing and a stand-in was packaged instead. */
  standIn?: string
}

/** A folder shaped like Electron's distribution whose "binary" only says what it is. */
function electronStandIn(): string {
  if (process.platform !== 'linux') {
    throw new Error(
      `Electron's binary is not installed and a stand-in is only made on Linux: run \`npm start\` once (it fetches the binary), then package again`,
    )
  }
  const dir = join(DIST, '.electron-stand-in')
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const binary = join(dir, electronPlatformPath())
  writeFileSync(
    binary,
    '#!/bin/sh\necho "This is a stand-in for Electron\'s binary, which could not be downloaded when this app was packaged." >&2\nexit 1\n',
  )
  chmodSync(binary, 0o755)
  const { version } = JSON.parse(
    readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string }
  writeFileSync(join(dir, 'version'), version)
  return dir
}

function unpackedDir(): string {
  const name = readdirSync(DIST).find(
    (entry) => entry.endsWith('-unpacked') || entry === 'mac' || entry === 'mac-arm64',
  )
  if (!name) throw new Error(`electron-builder wrote no unpacked app into ${DIST}`)
  return join(DIST, name)
}

/**
 * Builds and packages. `clean` empties out/cli first (`npm run build` does the same); the tests leave it,
 * since other tests may be running workers from it.
 */
export async function packageApp(options: {
  clean: boolean
  log?: (line: string) => void
}): Promise<PackagedApp> {
  const log = options.log ?? (() => {})
  const env: NodeJS.ProcessEnv = { ...process.env }
  // The build users get, not a test build.
  delete env.NODE_ENV
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  log('building main, preload and renderer (electron-vite)…')
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    env,
    maxBuffer: 16 * 1024 * 1024,
  })
  log('building the CLI and worker bundles (out/cli)…')
  await (options.clean ? buildCliBundle({ clean: true }) : ensureCliBundle())
  await makeIcons(join(REPO_ROOT, 'out', 'icons'), { log })
  let standIn: string | undefined
  if (!electronBinary()) {
    standIn = electronStandIn()
    env.MEDALLION_ELECTRON_DIST = standIn
    log(
      `Electron's binary is not installed (node_modules/electron/dist is missing: its download is skipped at install): ` +
        `packaging with the stand-in ${standIn}, so the app cannot start; fuses are not flipped (they live in the real binary).`,
    )
  }
  log('packaging with electron-builder (unpacked, this platform)…')
  await run(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/electron-builder/cli.js'), '--dir', '--publish', 'never'],
    { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 },
  )
  const appDir = unpackedDir()
  return { appDir, ...(standIn ? { standIn } : {}), ...checkPackageLayout(appDir) }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const started = performance.now()
  const result = await packageApp({ clean: true, log: (line) => console.log(`package:check: ${line}`) })
  console.log(`package:check: ${result.appDir}: app.asar holds ${result.asarEntries} entries`)
  if (result.standIn)
    console.log('package:check: packaged with a stand-in for Electron (see above); fuses not flipped')
  for (const problem of result.problems) console.error(`package:check: PROBLEM: ${problem}`)
  console.log(
    `package:check: ${result.problems.length === 0 ? 'the layout is as expected' : `${result.problems.length} problem(s)`} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  )
  process.exitCode = result.problems.length === 0 ? 0 : 1
}
