/**
 * `npm run check:fuses -- <app>`: reads the fuse wire of a packaged Medallion and compares it with `FUSES`
 * in electron-builder.ts. <app> is the unpacked app folder (dist/linux-unpacked, dist/win-unpacked,
 * dist/mac-arm64), the executable itself, or a `.app` bundle.
 *
 * Exit codes: 0 every configured fuse as expected, 1 a mismatch (each one named), 2 no Electron binary or no
 * fuse wire at that path (e.g. the shell-script stand-in `npm run package:check` packages where Electron's
 * binary cannot be downloaded).
 */
import { existsSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { getCurrentFuseWire } from '@electron/fuses'
import { FUSES } from '../electron-builder.ts'
import {
  compareFuses,
  describeMismatches,
  type FuseWire,
  formatReport,
  SUPPORTED_WIRE_VERSION,
} from './fuse-wire.ts'

/** The executable names electron-builder gives Medallion (productName, and the Linux executableName). */
const MAC_BUNDLE = 'Medallion.app'
const LINUX_EXECUTABLE = 'medallion'
const WINDOWS_EXECUTABLE = 'Medallion.exe'
const MAC_FRAMEWORK = join('Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')

class NoFuseWire extends Error {}

interface Target {
  /** What @electron/fuses is given: the binary, or the `.app` bundle on macOS. */
  electronPath: string
  /** The file that actually holds the wire (on macOS the framework, not the small launcher). */
  wireFile: string
}

/** The `.app` folder a path is, or is inside of. */
function enclosingBundle(path: string): string | undefined {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    if (dir.endsWith('.app') && existsSync(join(dir, 'Contents'))) return dir
  }
  return undefined
}

function bundleTarget(bundle: string): Target {
  // @electron/fuses resolves a `.app` to its Electron Framework, where macOS builds keep the wire.
  return { electronPath: bundle, wireFile: join(bundle, MAC_FRAMEWORK) }
}

function resolveTarget(input: string): Target {
  const path = resolve(input)
  if (!existsSync(path)) throw new NoFuseWire(`${path} does not exist`)
  const bundle = enclosingBundle(path)
  if (bundle) return bundleTarget(bundle)
  if (statSync(path).isFile()) return { electronPath: path, wireFile: path }
  const candidates = [MAC_BUNDLE, LINUX_EXECUTABLE, WINDOWS_EXECUTABLE]
  for (const name of candidates) {
    const candidate = join(path, name)
    if (!existsSync(candidate)) continue
    if (name === MAC_BUNDLE) return bundleTarget(candidate)
    if (statSync(candidate).isFile()) return { electronPath: candidate, wireFile: candidate }
  }
  throw new NoFuseWire(`${path} holds no Electron binary (looked for ${candidates.join(', ')})`)
}

async function readWire(target: Target): Promise<FuseWire> {
  if (!existsSync(target.wireFile) || !statSync(target.wireFile).isFile()) {
    throw new NoFuseWire(
      `${target.wireFile} is missing: ${basename(target.electronPath)} is not an Electron app`,
    )
  }
  try {
    return (await getCurrentFuseWire(target.electronPath)) as unknown as FuseWire
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new NoFuseWire(
      /sentinel/i.test(message)
        ? `${target.wireFile} holds no fuse wire: it is not a real Electron binary (a stand-in?)`
        : `${target.wireFile} could not be read: ${message}`,
    )
  }
}

async function main(args: string[]): Promise<number> {
  const input = args.find((arg) => arg !== '--')
  if (!input) {
    console.error('usage: npm run check:fuses -- <unpacked app folder | executable | .app bundle>')
    return 2
  }
  let wire: FuseWire
  let target: Target
  try {
    target = resolveTarget(input)
    wire = await readWire(target)
  } catch (err) {
    if (!(err instanceof NoFuseWire)) throw err
    console.error(`check-fuses: ${err.message}`)
    return 2
  }
  if (wire.version !== SUPPORTED_WIRE_VERSION) {
    console.error(
      `check-fuses: ${target.wireFile} has a version ${wire.version} fuse wire; only version 1 is known`,
    )
    return 2
  }
  console.log(`Fuses of ${target.wireFile}:`)
  const report = compareFuses(FUSES, wire)
  for (const line of formatReport(report)) console.log(`  ${line}`)
  if (!report.ok) {
    console.error(`check-fuses: ${report.mismatches.length} fuse(s) differ: ${describeMismatches(report)}`)
    return 1
  }
  console.log(
    `check-fuses: all ${Object.keys(FUSES).length} configured fuses are as electron-builder.ts says`,
  )
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error('check-fuses:', err)
    process.exitCode = 2
  },
)
