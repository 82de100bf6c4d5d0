/**
 * Compares the fuses electron-builder is configured to flip (`FUSES` in electron-builder.ts) with the fuse
 * wire read back from a packaged Electron binary. Pure: `scripts/check-fuses.ts` does the reading.
 */
import { FuseV1Options } from '@electron/fuses'
import type { Configuration } from 'electron-builder'

/** electron-builder's fuse options (its FuseOptionsV1, which its entry point does not re-export). */
type FuseOptions = NonNullable<Configuration['electronFuses']>

/** electron-builder's option names → their index in the V1 wire (the mapping its own packager uses). */
export const FUSE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
} as const satisfies Record<Exclude<keyof FuseOptions, 'resetAdHocDarwinSignature'>, FuseV1Options>

export type FuseName = keyof typeof FUSE_INDEX

/** Options electron-builder accepts beside the fuses, with nothing in the wire to compare. */
const NOT_FUSES: ReadonlySet<string> = new Set(['resetAdHocDarwinSignature'])

/**
 * The byte values of one fuse in the wire. @electron/fuses keeps these in a module its entry point does not
 * export, so they are restated here: ASCII '0', '1', 'r', and 0x90 for "not set".
 */
export const FUSE_BYTE = { disabled: 0x30, enabled: 0x31, removed: 0x72, inherit: 0x90 } as const

/** What `getCurrentFuseWire` returns: the wire version, then one byte per fuse index. */
export interface FuseWire {
  version: string
  [index: number]: number | undefined
}

export type FuseReading =
  | 'enabled'
  | 'disabled'
  | 'removed'
  | 'inherit'
  | 'missing'
  | `unknown byte 0x${string}`

export interface FuseLine {
  name: string
  index: number
  /** Undefined for a fuse of the wire the configuration leaves alone. */
  expected?: boolean
  actual: FuseReading
  ok: boolean
}

export interface FuseReport {
  ok: boolean
  lines: FuseLine[]
  mismatches: FuseLine[]
}

/** Only version 1 wires exist; a different version means a newer Electron this checker cannot read. */
export const SUPPORTED_WIRE_VERSION = '1'

export function readFuse(wire: FuseWire, index: number): FuseReading {
  const byte = wire[index]
  if (byte === undefined) return 'missing'
  switch (byte) {
    case FUSE_BYTE.disabled:
      return 'disabled'
    case FUSE_BYTE.enabled:
      return 'enabled'
    case FUSE_BYTE.removed:
      return 'removed'
    case FUSE_BYTE.inherit:
      return 'inherit'
    default:
      return `unknown byte 0x${byte.toString(16).padStart(2, '0')}`
  }
}

/** Every configured fuse against the wire, plus the wire's other fuses for information (never a mismatch). */
export function compareFuses(expected: Partial<Record<FuseName, boolean>>, wire: FuseWire): FuseReport {
  const lines: FuseLine[] = []
  const configured = new Set<number>()
  for (const [name, value] of Object.entries(expected)) {
    if (value === undefined || NOT_FUSES.has(name)) continue
    if (!(name in FUSE_INDEX)) throw new Error(`"${name}" is not a fuse electron-builder knows`)
    const index = FUSE_INDEX[name as FuseName]
    configured.add(index)
    const actual = readFuse(wire, index)
    // A removed fuse no longer does anything, so no value in it is what was asked for.
    lines.push({ name, index, expected: value, actual, ok: actual === (value ? 'enabled' : 'disabled') })
  }
  const wireIndexes = Object.keys(wire)
    .filter((key) => /^\d+$/.test(key))
    .map(Number)
    .sort((a, b) => a - b)
  for (const index of wireIndexes) {
    if (configured.has(index)) continue
    lines.push({ name: fuseName(index), index, actual: readFuse(wire, index), ok: true })
  }
  lines.sort((a, b) => a.index - b.index)
  const mismatches = lines.filter((line) => !line.ok)
  return { ok: mismatches.length === 0, lines, mismatches }
}

/** electron-builder's name of a wire index, else @electron/fuses' name, else its position. */
export function fuseName(index: number): string {
  const entry = Object.entries(FUSE_INDEX).find(([, i]) => i === index)
  if (entry) return entry[0]
  return FuseV1Options[index] ?? `fuse #${index}`
}

const expectedWord = (value: boolean | undefined) =>
  value === undefined ? '(not set)' : value ? 'enabled' : 'disabled'

/** One line per fuse: name, expected, actual and a verdict. */
export function formatReport(report: FuseReport): string[] {
  const width = Math.max(...report.lines.map((line) => line.name.length), 4)
  return report.lines.map((line) => {
    const verdict = line.expected === undefined ? 'not configured' : line.ok ? 'ok' : 'MISMATCH'
    return `${line.name.padEnd(width)}  expected ${expectedWord(line.expected).padEnd(9)}  actual ${line.actual.padEnd(9)}  ${verdict}`
  })
}

/** The one-line failure: every mismatching fuse with what was expected and what the binary holds. */
export function describeMismatches(report: FuseReport): string {
  return report.mismatches
    .map((line) => {
      const found = line.actual === 'missing' ? 'absent from the wire' : `found ${line.actual}`
      return `${line.name} (expected ${expectedWord(line.expected)}, ${found})`
    })
    .join(', ')
}
