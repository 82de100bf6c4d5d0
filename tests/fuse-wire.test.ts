/**
 * The fuse check: the pure comparison (scripts/fuse-wire.ts), then the real command on small files that hold
 * a fuse wire the way Electron's binary does (sentinel, version byte, length byte, one byte per fuse), so
 * @electron/fuses' own reading and the path resolution run as they do on a packaged app.
 */
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUSES } from '../electron-builder.ts'
import {
  compareFuses,
  describeMismatches,
  FUSE_BYTE,
  FUSE_INDEX,
  type FuseName,
  type FuseWire,
  formatReport,
} from '../scripts/fuse-wire.ts'

const REPO_ROOT = resolve(import.meta.dirname, '..')
// The same string @electron/fuses searches for (its constants module is not part of its public entry).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const WIRE_LENGTH = 9

const byteOf = (value: boolean) => (value ? FUSE_BYTE.enabled : FUSE_BYTE.disabled)

/** The wire bytes a binary packaged with `FUSES` holds, with some fuses changed. */
function wireBytes(overrides: Partial<Record<FuseName, number>> = {}, length = WIRE_LENGTH): number[] {
  const bytes: number[] = Array.from({ length: WIRE_LENGTH }, () => FUSE_BYTE.inherit)
  for (const [name, value] of Object.entries(FUSES))
    bytes[FUSE_INDEX[name as FuseName]] = byteOf(value === true)
  for (const [name, byte] of Object.entries(overrides)) bytes[FUSE_INDEX[name as FuseName]] = byte
  return bytes.slice(0, length)
}

/** What `getCurrentFuseWire` returns for those bytes. */
function wireOf(bytes: number[]): FuseWire {
  const wire: FuseWire = { version: '1' }
  bytes.forEach((byte, index) => {
    wire[index] = byte
  })
  return wire
}

describe('compareFuses', () => {
  it('passes a wire that holds every fuse as configured', () => {
    const report = compareFuses(FUSES, wireOf(wireBytes()))
    expect(report.ok).toBe(true)
    expect(report.mismatches).toEqual([])
    const configured = report.lines.filter((line) => line.expected !== undefined)
    expect(configured.map((line) => line.name).sort()).toEqual(Object.keys(FUSES).sort())
    // The fuses the configuration leaves alone are listed, never counted as mismatches.
    expect(report.lines.find((line) => line.name === 'loadBrowserProcessSpecificV8Snapshot')).toMatchObject({
      actual: 'inherit',
      ok: true,
    })
    expect(formatReport(report)).toHaveLength(report.lines.length)
  })

  it('names the one fuse that differs', () => {
    const report = compareFuses(FUSES, wireOf(wireBytes({ runAsNode: FUSE_BYTE.enabled })))
    expect(report.ok).toBe(false)
    expect(report.mismatches.map((line) => line.name)).toEqual(['runAsNode'])
    expect(describeMismatches(report)).toBe('runAsNode (expected disabled, found enabled)')
    expect(formatReport(report).find((line) => line.startsWith('runAsNode'))).toMatch(
      /expected disabled\s+actual enabled\s+MISMATCH/,
    )
  })

  it('reports a fuse left unset, removed or unreadable as a mismatch', () => {
    const report = compareFuses(
      FUSES,
      wireOf(
        wireBytes({
          enableCookieEncryption: FUSE_BYTE.inherit,
          onlyLoadAppFromAsar: FUSE_BYTE.removed,
          grantFileProtocolExtraPrivileges: 0x00,
        }),
      ),
    )
    expect(Object.fromEntries(report.mismatches.map((line) => [line.name, line.actual]))).toEqual({
      enableCookieEncryption: 'inherit',
      onlyLoadAppFromAsar: 'removed',
      grantFileProtocolExtraPrivileges: 'unknown byte 0x00',
    })
  })

  it('reports a configured fuse the wire is too short to hold', () => {
    // An older Electron: its wire ends before the last fuses electron-builder.ts sets.
    const report = compareFuses(FUSES, wireOf(wireBytes({}, 5)))
    expect(report.mismatches.map((line) => [line.name, line.actual])).toEqual([
      ['onlyLoadAppFromAsar', 'missing'],
      ['grantFileProtocolExtraPrivileges', 'missing'],
    ])
    expect(describeMismatches(report)).toContain(
      'onlyLoadAppFromAsar (expected enabled, absent from the wire)',
    )
  })

  it('passes over resetAdHocDarwinSignature, an option with no place in the wire', () => {
    const report = compareFuses({ ...FUSES, resetAdHocDarwinSignature: true } as never, wireOf(wireBytes()))
    expect(report.ok).toBe(true)
    expect(report.lines.map((line) => line.name)).not.toContain('resetAdHocDarwinSignature')
  })

  it('refuses a name that is not a fuse', () => {
    expect(() => compareFuses({ runAsNodes: false } as never, wireOf(wireBytes()))).toThrow(/runAsNodes/)
  })
})

interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `tsx scripts/check-fuses.ts <path>` in a child process, as `npm run check:fuses -- <path>` runs it. */
function checkFuses(path: string): Promise<RunResult> {
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  return new Promise((done) => {
    execFile(
      process.execPath,
      [tsx, join(REPO_ROOT, 'scripts', 'check-fuses.ts'), path],
      { cwd: REPO_ROOT },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

/** A file laid out like an Electron binary around its fuse wire: code, sentinel, version 1, length, fuses. */
function fakeBinary(path: string, bytes: number[]): void {
  const filler = Buffer.alloc(4096, 0xcc)
  const wire = Buffer.from([1, bytes.length, ...bytes])
  writeFileSync(path, Buffer.concat([filler, Buffer.from(SENTINEL, 'ascii'), wire, filler]))
  chmodSync(path, 0o755)
}

describe('npm run check:fuses on constructed binaries', () => {
  let dir = ''
  const at = (...parts: string[]) => join(dir, ...parts)

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-fuses-'))
    fakeBinary(at('as-configured'), wireBytes())
    fakeBinary(at('run-as-node'), wireBytes({ runAsNode: FUSE_BYTE.enabled }))
    // The layouts electron-builder produces, each with a wire inside.
    mkdirSync(at('linux-unpacked'))
    fakeBinary(at('linux-unpacked', 'medallion'), wireBytes())
    mkdirSync(at('win-unpacked'))
    fakeBinary(
      at('win-unpacked', 'Medallion.exe'),
      wireBytes({ enableNodeCliInspectArguments: FUSE_BYTE.enabled }),
    )
    const framework = at(
      'mac-arm64',
      'Medallion.app',
      'Contents',
      'Frameworks',
      'Electron Framework.framework',
    )
    mkdirSync(framework, { recursive: true })
    mkdirSync(at('mac-arm64', 'Medallion.app', 'Contents', 'MacOS'))
    fakeBinary(join(framework, 'Electron Framework'), wireBytes())
    // The launcher is not where macOS keeps the wire: give it none, so reading it would fail.
    writeFileSync(at('mac-arm64', 'Medallion.app', 'Contents', 'MacOS', 'Medallion'), 'launcher')
    // What `npm run package:check` packages where Electron cannot be downloaded: a shell script.
    mkdirSync(at('stand-in'))
    writeFileSync(at('stand-in', 'medallion'), '#!/bin/sh\necho "Electron stand-in"\n', { mode: 0o755 })
    mkdirSync(at('empty'))
  })

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('exits 0 and prints one line per fuse when the binary holds the configured fuses', async () => {
    const { code, stdout } = await checkFuses(at('as-configured'))
    expect(code).toBe(0)
    for (const [name, value] of Object.entries(FUSES)) {
      const state = value ? 'enabled' : 'disabled'
      expect(stdout).toMatch(new RegExp(`${name}\\s+expected ${state}\\s+actual ${state}\\s+ok`))
    }
  })

  it('exits 1 naming the fuse that differs', async () => {
    const { code, stderr } = await checkFuses(at('run-as-node'))
    expect(code).toBe(1)
    expect(stderr).toContain('runAsNode (expected disabled, found enabled)')
  })

  it('finds the executable in an unpacked Linux or Windows folder', async () => {
    expect((await checkFuses(at('linux-unpacked'))).code).toBe(0)
    const windows = await checkFuses(at('win-unpacked'))
    expect(windows.code).toBe(1)
    expect(windows.stderr).toContain('enableNodeCliInspectArguments (expected disabled, found enabled)')
  })

  it('reads a macOS bundle from its Electron Framework, given the folder, the .app or the executable', async () => {
    for (const path of [
      at('mac-arm64'),
      at('mac-arm64', 'Medallion.app'),
      at('mac-arm64', 'Medallion.app', 'Contents', 'MacOS', 'Medallion'),
    ]) {
      const { code, stdout } = await checkFuses(path)
      expect({ path, code }).toEqual({ path, code: 0 })
      expect(stdout).toContain('Electron Framework')
    }
  })

  it('exits 2 when there is no Electron binary or no fuse wire', async () => {
    const standIn = await checkFuses(at('stand-in'))
    expect(standIn.code).toBe(2)
    expect(standIn.stderr).toMatch(/holds no fuse wire/)
    const empty = await checkFuses(at('empty'))
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/holds no Electron binary/)
    const missing = await checkFuses(at('nowhere'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/does not exist/)
  })
})
