#!/usr/bin/env node
/**
 * The app icon, generated from `resources/icon.svg` into the files electron-builder reads (see
 * `electron-builder.ts`): `node scripts/make-icons.mjs [outDir]`, `outDir` defaulting to `out/icons` in the
 * repository (a relative argument is taken from the current folder).
 *
 * - `png/<N>x<N>.png` for N in 16…1024 (the Linux icon folder) and `icon.png` (512 px, for the window):
 *   each rendered from the vector by resvg at its own size, never downscaled from one bitmap.
 * - `icon.icns` (macOS): png2icons' `createICNS` from the 1024 px render. It writes PNG entries for every
 *   retina size and for 128…1024 (`ic11` 32, `ic12` 64, `ic07` 128, `ic13`/`ic08` 256, `ic14`/`ic09` 512,
 *   `ic10` 1024) and the 16 and 32 px ones as `is32`/`il32` (PackBits RGB) with `s8mk`/`l8mk` alpha masks,
 *   on purpose: Finder's list view shows PNG in `is32`/`il32`/`icp4`/`icp5` scrambled (png2icons #1, #6).
 * - `icon.ico` (Windows): png2icons' `createICO` from the 256 px render, in its "Windows executable" mode:
 *   256, 128, 96, 72 and 64 px as PNG, 48, 32, 24 and 16 px as 32-bit BMP with a mask.
 *
 * png2icons resamples the smaller ICNS/ICO sizes itself (bicubic, area-averaged when shrinking by 2× or
 * more). Nothing is done when every output is newer than the SVG and this script. Each file is written
 * under a temporary name in its folder and renamed, so an interrupted run never leaves a truncated icon
 * that looks up to date.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { BICUBIC, clearCache, createICNS, createICO, setLogger } from 'png2icons'

const SCRIPT = fileURLToPath(import.meta.url)
const REPO_ROOT = resolve(dirname(SCRIPT), '..')
const SOURCE = join(REPO_ROOT, 'resources', 'icon.svg')
const DEFAULT_OUT_DIR = join(REPO_ROOT, 'out', 'icons')

/** The Linux icon folder's sizes (electron-builder picks them from `png/<N>x<N>.png`). */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
/** The entries png2icons' `createICNS` writes (checked after each run, in case png2icons changes). */
export const ICNS_TYPES = 'ic12 ic07 ic13 ic08 ic14 ic09 ic10 ic11 il32 l8mk is32 s8mk'.split(' ')
/** The sizes png2icons' `createICO` writes (PNG from 64 px up, BMP below, with `forWinExe`). */
export const ICO_SIZES = [256, 128, 96, 72, 64, 48, 32, 24, 16]

/** A path as the messages show it: from the repository when inside it. */
function shown(path) {
  const rel = relative(REPO_ROOT, path)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path
}

function outputsOf(outDir) {
  return {
    pngs: PNG_SIZES.map((n) => ({ size: n, file: join(outDir, 'png', `${n}x${n}.png`) })),
    windowPng: join(outDir, 'icon.png'),
    icns: join(outDir, 'icon.icns'),
    ico: join(outDir, 'icon.ico'),
  }
}

async function mtimeNs(file) {
  try {
    return (await stat(file, { bigint: true })).mtimeNs
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
    throw new Error(`${shown(file)}: cannot read its date (${error.message})`, { cause: error })
  }
}

/** True when every output exists and is newer than every input. */
async function upToDate(outputs, inputs) {
  let newestInput = 0n
  for (const file of inputs) {
    const time = await mtimeNs(file)
    if (time === null) throw new Error(`${shown(file)}: not found`)
    if (time > newestInput) newestInput = time
  }
  for (const file of outputs) {
    const time = await mtimeNs(file)
    if (time === null || time <= newestInput) return false
  }
  return true
}

const TEMP_NAME = /^\.[0-9a-f]{12}\.(\d+)\.tmp$/

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/** Removes the temporary files a killed run left behind (not those of a run still going). */
async function removeLeftovers(folder) {
  for (const name of await readdir(folder)) {
    const pid = TEMP_NAME.exec(name)?.[1]
    if (pid && !alive(Number(pid))) await rm(join(folder, name), { force: true })
  }
}

/** Writes under a temporary name in the same folder, then renames over the target. */
async function writeAtomically(file, data) {
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.${process.pid}.tmp`)
  try {
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw new Error(`${shown(file)}: cannot write (${error.message})`, { cause: error })
  }
}

function render(svg, size) {
  let image
  try {
    image = new Resvg(svg, {
      fitTo: { mode: 'width', value: size },
      font: { loadSystemFonts: false },
      logLevel: 'off',
    }).render()
  } catch (error) {
    throw new Error(`${shown(SOURCE)}: cannot render at ${size} px (${error.message})`, { cause: error })
  }
  if (image.width !== size || image.height !== size) {
    throw new Error(`${shown(SOURCE)}: rendered ${image.width}x${image.height} for ${size} px (not square?)`)
  }
  return image.asPng()
}

/** The entries of an ICNS file: `[OSType, byte length]`, read from its container headers. */
export function icnsEntries(buffer) {
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== 'icns') throw new Error('no icns magic')
  if (buffer.readUInt32BE(4) !== buffer.length) throw new Error('declared length differs from the size')
  const entries = []
  for (let at = 8; at < buffer.length; ) {
    const length = at + 8 <= buffer.length ? buffer.readUInt32BE(at + 4) : 0
    if (length < 8 || at + length > buffer.length) throw new Error(`bad entry at byte ${at}`)
    entries.push([buffer.toString('latin1', at, at + 4), length])
    at += length
  }
  return entries
}

/** The entries of an ICO file: `{ width, height, png }` from its directory (0 in the file means 256). */
export function icoEntries(buffer) {
  if (buffer.length < 6 || buffer.readUInt16LE(0) !== 0 || buffer.readUInt16LE(2) !== 1) {
    throw new Error('no ICO header')
  }
  const count = buffer.readUInt16LE(4)
  if (buffer.length < 6 + 16 * count) throw new Error('directory cut short')
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i
    const size = buffer.readUInt32LE(at + 8)
    const offset = buffer.readUInt32LE(at + 12)
    if (offset + size > buffer.length) throw new Error(`entry ${i} runs past the end`)
    return {
      width: buffer[at] || 256,
      height: buffer[at + 1] || 256,
      png: buffer.readUInt32BE(offset) === 0x89504e47,
    }
  })
}

/** Runs one png2icons call, turning its `null` (and its logged reasons) into an error naming `file`. */
function withPng2icons(file, what, build) {
  const messages = []
  setLogger((...parts) => messages.push(parts.map(String).join(' ')))
  try {
    const result = build()
    if (!result) {
      const why = messages.filter((m) => !/\bwrote\b|\bdone\b/.test(m)).join('; ')
      throw new Error(`${shown(file)}: png2icons.${what} failed${why ? ` (${why})` : ''}`)
    }
    return result
  } finally {
    setLogger(null)
    clearCache()
  }
}

function checked(file, read, check) {
  let found
  try {
    found = read()
  } catch (error) {
    throw new Error(`${shown(file)}: png2icons wrote an unreadable file (${error.message})`, { cause: error })
  }
  const missing = check(found)
  if (missing.length) throw new Error(`${shown(file)}: png2icons left out ${missing.join(', ')}`)
  return found
}

/**
 * Generates the icons into `outDir` (relative to the repository when not absolute), unless they are up to
 * date. Returns the files written (none when up to date); `log` receives one line per file family.
 */
export async function makeIcons(outDir = DEFAULT_OUT_DIR, { log = console.log } = {}) {
  const dir = resolve(REPO_ROOT, outDir)
  const out = outputsOf(dir)
  const all = [...out.pngs.map((p) => p.file), out.windowPng, out.icns, out.ico]
  if (await upToDate(all, [SOURCE, SCRIPT])) {
    log(`icons: ${shown(dir)} is up to date (newer than ${shown(SOURCE)} and ${shown(SCRIPT)})`)
    return []
  }

  let svg
  try {
    svg = await readFile(SOURCE)
  } catch (error) {
    throw new Error(`${shown(SOURCE)}: cannot read (${error.message})`, { cause: error })
  }
  for (const folder of [dir, join(dir, 'png')]) {
    try {
      await mkdir(folder, { recursive: true })
      await removeLeftovers(folder)
    } catch (error) {
      throw new Error(`${shown(folder)}: cannot prepare (${error.message})`, { cause: error })
    }
  }

  const written = []
  let started = performance.now()
  const took = () => {
    const ms = Math.round(performance.now() - started)
    started = performance.now()
    return `${ms} ms`
  }

  const rendered = new Map()
  for (const { size, file } of out.pngs) {
    const png = render(svg, size)
    rendered.set(size, png)
    await writeAtomically(file, png)
    written.push(file)
  }
  log(`icons: ${shown(join(dir, 'png'))}/<N>x<N>.png for N = ${PNG_SIZES.join(', ')} (${took()})`)

  await writeAtomically(out.windowPng, rendered.get(512))
  written.push(out.windowPng)
  log(`icons: ${shown(out.windowPng)} (512 px, ${took()})`)

  const icns = withPng2icons(out.icns, 'createICNS', () => createICNS(rendered.get(1024), BICUBIC, 0))
  const types = checked(
    out.icns,
    () => icnsEntries(icns).map(([type]) => type),
    (found) => ICNS_TYPES.filter((t) => !found.includes(t)),
  )
  await writeAtomically(out.icns, icns)
  written.push(out.icns)
  log(`icons: ${shown(out.icns)} (${types.join(' ')}; ${took()})`)

  const ico = withPng2icons(out.ico, 'createICO', () => createICO(rendered.get(256), BICUBIC, 0, false, true))
  const sizes = checked(
    out.ico,
    () => icoEntries(ico).map((e) => e.width),
    (found) => ICO_SIZES.filter((n) => !found.includes(n)).map((n) => `${n} px`),
  )
  await writeAtomically(out.ico, ico)
  written.push(out.ico)
  log(`icons: ${shown(out.ico)} (${sizes.join(', ')} px; ${took()})`)

  return written
}

if (process.argv[1] && resolve(process.argv[1]) === SCRIPT) {
  const arg = process.argv[2]
  makeIcons(arg ? resolve(arg) : DEFAULT_OUT_DIR).catch((error) => {
    console.error(`make-icons: ${error.message}`)
    process.exitCode = 1
  })
}
