/**
 * The data folder is the user's alone on POSIX: the real `medallion` commands, started from a test process
 * whose umask is the usual 022, write folders 0700 and files 0600 — Node's writes, Polars' native Parquet
 * and CSV writers in the worker thread, the training's records, the Spark twin's JVM — and an existing
 * looser data folder is tightened when the app opens it. A document saved through the window's Save dialog
 * gets the user's own mode instead.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restrictNewFiles, writeUserDocument } from '../src-main/core/private-files.ts'
import { CLI, runCli } from './helpers/cli.ts'
import { SPARK_AVAILABLE, SPARK_SKIP_REASON } from './helpers/spark.ts'
import { tempDir } from './helpers/temp-data.ts'

const POSIX = process.platform !== 'win32'
/** Another user, as the review probed with: root can run a process as `nobody`. */
const NOBODY = 65534
const AS_ROOT = process.getuid?.() === 0
const SMALL = ['--clients', '200', '--purchases', '2000']

const modeOf = (path: string) => statSync(path).mode & 0o777

/** Every folder and file under `root` (the root included) whose mode is not 0700 or 0600. */
function notPrivate(root: string): { entries: string[]; loose: string[] } {
  const entries: string[] = []
  const loose: string[] = []
  const visit = (path: string) => {
    const stats = lstatSync(path)
    const name = relative(root, path) || '.'
    entries.push(name)
    const expected = stats.isDirectory() ? 0o700 : 0o600
    if ((stats.mode & 0o777) !== expected) loose.push(`${name} ${(stats.mode & 0o777).toString(8)}`)
    if (stats.isDirectory()) for (const child of readdirSync(path)) visit(join(path, child))
  }
  visit(root)
  return { entries, loose }
}

/** Runs Node as another user; its exit code and stderr. */
function asNobody(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, args, {
    uid: NOBODY,
    gid: NOBODY,
    env: { ...process.env, HOME: '/tmp' },
    encoding: 'utf8',
  })
  return { code: status, stdout, stderr }
}

const nobodyReads = (path: string) =>
  asNobody(['-e', `require('node:fs').readFileSync(${JSON.stringify(path)})`]).code === 0

async function ok(args: string[]): Promise<void> {
  const result = await runCli(args)
  expect(result.code, `medallion ${args.join(' ')}: ${result.stderr}`).toBe(0)
}

/** A data folder as an older version left it: 0755, with one 0644 file in it (returned). */
function olderFolderWith(folder: string, name: string, text: string): string {
  mkdirSync(folder)
  chmodSync(folder, 0o755)
  const file = join(folder, name)
  writeFileSync(file, text)
  chmodSync(file, 0o644)
  return file
}

describe.skipIf(!POSIX)('private files on POSIX', () => {
  const root = tempDir('medallion-modes-')
  // The commands start with the usual umask: what is under test is the one they set themselves.
  let testUmask = 0
  beforeAll(() => {
    testUmask = process.umask(0o022)
  })
  afterAll(() => {
    process.umask(testUmask)
  })

  it('generate, run, train and diagnostics write a fresh data folder with folders 0700 and files 0600', async () => {
    const dataDir = join(root, 'fresh')
    await ok(['generate', '--data-dir', dataDir, ...SMALL])
    await ok(['run', '--data-dir', dataDir])
    await ok(['train', 'predictor', '--data-dir', dataDir])
    const zip = join(root, 'diagnostics.zip')
    await ok(['diagnostics', '--data-dir', dataDir, '--out', zip])

    const { entries, loose } = notPrivate(dataDir)
    expect(loose).toEqual([])
    // Every kind of writer was walked: the generator's CSV, Polars' Parquet, the run records, the lock, ML.
    const written = entries.join('\n')
    expect(written).toMatch(/^sources\/clients\.csv$/m)
    expect(written).toMatch(/^lake\/bronze\/[^/]+\/achats\.parquet$/m)
    expect(written).toMatch(/^lake\/gold\/[^/]+\/client_predictions\.parquet$/m)
    expect(written).toMatch(/^lake\/_runs\/[^/]+\.json$/m)
    expect(written).toMatch(/^ml\/runs\.jsonl$/m)
    // The diagnostics zip, written where the user asked, is private as well.
    expect(modeOf(zip)).toBe(0o600)
  }, 180_000)

  it('sources generated into a folder outside the data folder are private too', async () => {
    const out = join(root, 'elsewhere', 'sources')
    await ok(['generate', '--data-dir', join(root, 'generate-data'), '--out', out, ...SMALL])
    expect(readdirSync(out).sort()).toEqual(['achats.csv', 'clients.csv'])
    expect(notPrivate(out).loose).toEqual([])
  }, 60_000)

  it('an existing 0755 data folder is made 0700 when the app opens it; what it holds is left as it was', async () => {
    const dataDir = join(root, 'older')
    const earlier = olderFolderWith(dataDir, 'notes.txt', 'written by an older version')

    await ok(['runs', '--data-dir', dataDir])
    expect(modeOf(dataDir)).toBe(0o700)
    // No other user can reach it any more through the folder, so no recursive chmod on every start.
    expect(modeOf(earlier)).toBe(0o644)
  })

  describe.skipIf(!AS_ROOT)(
    `as another user (uid ${NOBODY})${AS_ROOT ? '' : ': needs root to run as it'}`,
    () => {
      // The temporary root is 0700 itself: open it, so only the data folders' own modes stand in the way.
      beforeAll(() => chmodSync(root, 0o755))

      it("cannot read a fresh data folder's customers, nor an older folder's files once the app opened it", async () => {
        const fresh = join(root, 'fresh-for-nobody')
        await ok(['generate', '--data-dir', fresh, ...SMALL])
        expect(nobodyReads(join(fresh, 'sources', 'clients.csv'))).toBe(false)

        const older = join(root, 'older-for-nobody')
        const customers = olderFolderWith(older, 'customers.csv', 'name,email')
        expect(nobodyReads(customers)).toBe(true) // the probe can read what is open to it
        await ok(['runs', '--data-dir', older])
        expect(nobodyReads(customers)).toBe(false)
      })

      it("uses a data folder it cannot make private (another owner's) and says so", () => {
        const shared = join(root, 'shared')
        mkdirSync(shared)
        chmodSync(shared, 0o755)
        const result = asNobody([CLI, 'runs', '--data-dir', shared])
        expect(result.code, result.stderr).toBe(0)
        expect(result.stdout).toMatch(/no runs yet/)
        expect(result.stderr).toContain(
          `medallion: the data folder ${shared} stays open to other users (mode 755): it could not be made private (EPERM`,
        )
        expect(modeOf(shared)).toBe(0o755)
      })
    },
  )

  it.skipIf(!SPARK_AVAILABLE)(
    `the Spark twin's JVM writes the lake 0700/0600 as well${SPARK_AVAILABLE ? '' : ` (${SPARK_SKIP_REASON})`}`,
    async () => {
      const dataDir = join(root, 'spark')
      await ok(['generate', '--data-dir', dataDir, ...SMALL])
      await ok(['run', '--engine', 'spark', '--data-dir', dataDir])
      const { entries, loose } = notPrivate(dataDir)
      expect(loose).toEqual([])
      expect(entries.join('\n')).toMatch(/^lake\/silver\/[^/]+\/rejects\.parquet$/m)
    },
    300_000,
  )

  it("a document saved through the Save dialog gets the user's own mode; the app's files stay 0600", async () => {
    const dir = tempDir('medallion-save-')
    const before = process.umask(0o027)
    try {
      restrictNewFiles()
      const chart = join(dir, 'chart.png')
      await writeUserDocument(chart, new Uint8Array([137, 80, 78, 71]))
      expect(modeOf(chart)).toBe(0o640)

      const own = join(dir, 'own.json')
      writeFileSync(own, '{}')
      expect(modeOf(own)).toBe(0o600)

      // Saved over a file the user had made private: it keeps its mode.
      await writeUserDocument(own, new Uint8Array([1]))
      expect(modeOf(own)).toBe(0o600)
    } finally {
      process.umask(before)
    }
  })
})
