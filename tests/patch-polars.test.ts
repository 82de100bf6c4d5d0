/**
 * scripts/patch-polars.mjs rewrites only the nodejs-polars files it knows, by SHA-256. The originals come
 * from npm's own tarball (from the cache `npm ci` filled, else the registry), checked against the
 * lockfile's integrity and unpacked into a temporary folder; node_modules is never touched.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, tempDir } from './helpers/temp-data.ts'

const PATCHER = join(REPO_ROOT, 'scripts', 'patch-polars.mjs')
const FILES = ['lazy/expr/index.js', 'series/index.js', 'dataframe.js', 'lazy/dataframe.js']
const MARKER = '/* medallion: computed keys moved last */'
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'))
const { version: VERSION, integrity: INTEGRITY } = lock.packages['node_modules/nodejs-polars'] as {
  version: string
  integrity: string
}
const INSTALLED = join(REPO_ROOT, 'node_modules', 'nodejs-polars')

/** nodejs-polars as npm ships it, unpacked into `dir` (its `package/` folder). */
function unpackOriginal(dir: string): string {
  const tarball = execFileSync('npm', ['pack', `nodejs-polars@${VERSION}`, '--prefer-offline', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  }).trim()
  const sha512 = createHash('sha512')
    .update(readFileSync(join(dir, tarball)))
    .digest('base64')
  if (`sha512-${sha512}` !== INTEGRITY)
    throw new Error(`${tarball} does not match package-lock.json's integrity`)
  execFileSync('tar', ['-xzf', tarball], { cwd: dir })
  return join(dir, 'package')
}

/** Runs the patcher as the postinstall does, on `folder` instead of the installed package. */
function patch(folder: string): { code: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [PATCHER, folder], { encoding: 'utf8' })
  return { code: status, stdout, stderr }
}

const read = (folder: string, file: string) => readFileSync(join(folder, 'bin', file))

describe(`the Polars speed patch on nodejs-polars ${VERSION}`, () => {
  const root = tempDir('medallion-patch-')
  let original = ''
  beforeAll(() => {
    original = unpackOriginal(root)
  })

  it("patches npm's original files into the very files the app runs with", () => {
    const folder = join(root, 'fresh')
    cpSync(original, folder, { recursive: true })
    const result = patch(folder)
    expect(result.code).toBe(0)
    for (const file of FILES) {
      expect(result.stdout).toContain(`patch-polars: ${file}: 1 literal(s) reordered`)
      const patched = read(folder, file)
      expect(patched.equals(read(original, file))).toBe(false)
      expect(patched.toString()).toContain(MARKER)
      // The install's postinstall patched node_modules the same way.
      expect(patched.equals(read(INSTALLED, file))).toBe(true)
    }
  })

  it('refuses a file that differs by one byte, leaving it untouched, and still patches the others', () => {
    const folder = join(root, 'altered')
    cpSync(original, folder, { recursive: true })
    const altered = join(folder, 'bin', 'dataframe.js')
    const bytes = readFileSync(altered)
    const at = bytes.indexOf('function')
    bytes[at] = 'F'.charCodeAt(0)
    writeFileSync(altered, bytes)

    const result = patch(folder)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`patch-polars: ${altered} is not nodejs-polars ${VERSION}'s file`)
    expect(result.stderr).toContain('refused, left untouched. Medallion stays correct, only slower')
    expect(readFileSync(altered).equals(bytes)).toBe(true)
    for (const file of FILES.filter((f) => f !== 'dataframe.js')) {
      expect(read(folder, file).toString()).toContain(MARKER)
    }
  })

  it('leaves already patched files as they are when run again', () => {
    const folder = join(root, 'twice')
    cpSync(original, folder, { recursive: true })
    expect(patch(folder).code).toBe(0)
    const first = FILES.map((file) => ({
      bytes: read(folder, file),
      mtime: statSync(join(folder, 'bin', file)).mtimeMs,
    }))

    const again = patch(folder)
    expect(again.code).toBe(0)
    expect(again.stderr).toBe('')
    for (const [index, file] of FILES.entries()) {
      expect(again.stdout).toContain(`patch-polars: ${file}: already patched`)
      expect(read(folder, file).equals(first[index]?.bytes as Buffer)).toBe(true)
      expect(statSync(join(folder, 'bin', file)).mtimeMs).toBe(first[index]?.mtime)
    }
  })
})
