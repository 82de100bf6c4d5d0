/**
 * The app icon: `scripts/make-icons.mjs` renders `resources/icon.svg` into the files electron-builder reads,
 * checked here from their bytes (PNG signature and IHDR, the ICO directory, the ICNS container and its
 * entries), and a second run finds them up to date and rewrites nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

type MakeIcons = (outDir?: string, options?: { log?: (line: string) => void }) => Promise<string[]>

const SCRIPT = resolve(import.meta.dirname, '..', 'scripts', 'make-icons.mjs')
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The width and height from a PNG's IHDR, after checking the signature and that IHDR comes first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Every ICNS entry as `{ type, data }`, walking the container from its 8-byte header. */
function icnsEntries(bytes: Buffer): { type: string; data: Buffer }[] {
  const entries: { type: string; data: Buffer }[] = []
  let at = 8
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at + 4)
    expect(length).toBeGreaterThanOrEqual(8)
    expect(at + length).toBeLessThanOrEqual(bytes.length)
    entries.push({ type: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + length) })
    at += length
  }
  expect(at).toBe(bytes.length)
  return entries
}

describe('make-icons', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'medallion-icons-'))
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  let makeIcons: MakeIcons
  let written: string[] = []
  const lines: string[] = []
  const file = (name: string) => join(outDir, name)

  beforeAll(async () => {
    // A non-literal specifier: the script is plain JavaScript without type declarations.
    ;({ makeIcons } = (await import(pathToFileURL(SCRIPT).href)) as { makeIcons: MakeIcons })
    written = await makeIcons(outDir, { log: (line) => lines.push(line) })
  })

  it('writes every file electron-builder reads, one line per family', () => {
    const expected = [
      ...PNG_SIZES.map((n) => file(`png/${n}x${n}.png`)),
      file('icon.png'),
      file('icon.icns'),
      file('icon.ico'),
    ]
    expect([...written].sort()).toEqual([...expected].sort())
    expect(lines).toHaveLength(4)
    expect(lines.join('\n')).toMatch(/icon\.icns/)
  })

  it('renders each Linux PNG at the size its name says, and icon.png at 512 px', () => {
    for (const n of PNG_SIZES) {
      const name = `png/${n}x${n}.png`
      expect(pngSize(readFileSync(file(name))), name).toEqual({ width: n, height: n })
    }
    expect(pngSize(readFileSync(file('icon.png')))).toEqual({ width: 512, height: 512 })
  })

  it('builds an ICO with entries from 16 to 256 px', () => {
    const ico = readFileSync(file('icon.ico'))
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon
    const count = ico.readUInt16LE(4)
    expect(count).toBe(9)
    const entries = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i
      const size = ico.readUInt32LE(at + 8)
      const offset = ico.readUInt32LE(at + 12)
      expect(offset + size).toBeLessThanOrEqual(ico.length)
      const isPng = ico.subarray(offset, offset + 8).equals(PNG_SIGNATURE)
      // 0 in the directory means 256.
      const width = ico[at] || 256
      const height = ico[at + 1] || 256
      if (isPng) expect(pngSize(ico.subarray(offset, offset + size))).toEqual({ width, height })
      else expect(ico.readUInt32LE(offset)).toBe(40) // BITMAPINFOHEADER
      return { width, height, isPng }
    })
    for (const entry of entries) expect(entry.height).toBe(entry.width)
    const widths = entries.map((e) => e.width)
    expect(widths).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    // png2icons' "Windows executable" mode: PNG from 64 px up, BMP below.
    for (const entry of entries) expect(entry.isPng, `${entry.width} px`).toBe(entry.width >= 64)
  })

  it('builds an ICNS holding the 16…1024 px images macOS asks for', () => {
    const icns = readFileSync(file('icon.icns'))
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const entries = icnsEntries(icns)
    const byType = new Map(entries.map((e) => [e.type, e.data]))
    // PNG-encoded: ic11 16@2x, ic12 32@2x, ic07 128, ic13 128@2x, ic08 256, ic14 256@2x, ic09 512,
    // ic10 512@2x (1024 px).
    const pngTypes: Record<string, number> = {
      ic11: 32,
      ic12: 64,
      ic07: 128,
      ic13: 256,
      ic08: 256,
      ic14: 512,
      ic09: 512,
      ic10: 1024,
    }
    for (const [type, n] of Object.entries(pngTypes)) {
      const data = byType.get(type)
      expect(data, type).toBeDefined()
      if (data) expect(pngSize(data), type).toEqual({ width: n, height: n })
    }
    // 16 and 32 px at 1x: png2icons writes the legacy is32/il32 (PackBits RGB) with s8mk/l8mk, 8-bit
    // alpha masks of exactly n × n bytes (PNG there shows scrambled in Finder's list view).
    expect(byType.has('is32')).toBe(true)
    expect(byType.has('il32')).toBe(true)
    expect(byType.get('s8mk')?.length).toBe(16 * 16)
    expect(byType.get('l8mk')?.length).toBe(32 * 32)
  })

  it('finds the icons up to date on a second run and rewrites nothing', async () => {
    const files = [...PNG_SIZES.map((n) => file(`png/${n}x${n}.png`)), file('icon.icns'), file('icon.ico')]
    const before = files.map((f) => statSync(f).mtimeMs)
    const again: string[] = []
    expect(await makeIcons(outDir, { log: (line) => again.push(line) })).toEqual([])
    expect(again).toHaveLength(1)
    expect(again[0]).toMatch(/up to date/)
    expect(files.map((f) => statSync(f).mtimeMs)).toEqual(before)
  })
})
