/**
 * File system errors reach the user as messages naming the path and what to do, through the real
 * `medallion` command: a folder where a source file should be, a symbolic link loop, a file where a folder
 * should be, and — on a tiny tmpfs mounted here when the machine allows it (root on Linux) — a full disk
 * while generating and while writing the lake.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { afterAll, describe, expect, it } from 'vitest'
import { systemErrorCode, systemErrorMessage } from '../src-main/core/system-error.ts'
import { runCli } from './helpers/cli.ts'
import { generatedSources, tempDir, writeSources } from './helpers/temp-data.ts'

const AS_ROOT = process.getuid?.() === 0

/** A tmpfs of `size` at a fresh folder, or undefined where this machine cannot mount one. */
function tinyDisk(size: string): string | undefined {
  if (process.platform !== 'linux' || !AS_ROOT) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'medallion-tiny-'))
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) {
    rmdirSync(dir)
    return undefined
  }
  afterAll(() => {
    spawnSync('umount', [dir])
    rmdirSync(dir)
  })
  return dir
}

async function failedRun(dataDir: string, input: string): Promise<string> {
  const result = await runCli(['run', '--data-dir', dataDir, '--input', input])
  expect(result.code).toBe(1)
  return result.stderr
}

describe('system errors name the path and what to do', () => {
  const root = tempDir('medallion-syserr-')
  const dataDir = join(root, 'data')
  const achats = 'id_achat,id_client,date_achat,montant,produit\n1,1,2025-01-01 10:00:00,10.5,Livre\n'

  it('a folder named clients.csv in the input folder (EISDIR)', async () => {
    const input = writeSources(join(root, 'folder'), { achats })
    const clients = join(input, 'clients.csv')
    mkdirSync(clients)
    expect(await failedRun(dataDir, input)).toContain(
      `medallion: could not read ${clients} (EISDIR): ${clients} is a folder, not a file: rename or remove that folder and put the file in its place`,
    )
  })

  it('a symbolic link loop (ELOOP), never "run medallion generate first"', async () => {
    const input = writeSources(join(root, 'loop'), { achats })
    const clients = join(input, 'clients.csv')
    symlinkSync('clients.csv', clients)
    const stderr = await failedRun(dataDir, input)
    expect(stderr).toContain(
      `medallion: could not read ${clients} (ELOOP): ${clients} is a symbolic link that leads back to itself`,
    )
    expect(stderr).not.toMatch(/generate/)
  })

  it('a link to a file that is gone, and an --input that is a file (ENOTDIR)', async () => {
    const input = writeSources(join(root, 'dangling'), { achats })
    symlinkSync('gone.csv', join(input, 'clients.csv'))
    expect(await failedRun(dataDir, input)).toContain(
      `${join(input, 'clients.csv')} is a symbolic link to gone.csv, which does not exist: fix or remove the link`,
    )
    const file = join(input, 'achats.csv')
    expect(await failedRun(dataDir, file)).toContain(
      `medallion: could not read ${join(file, 'clients.csv')} (ENOTDIR): a part of the path`,
    )
  })

  it.skipIf(AS_ROOT)('an unreadable source file (EACCES)', async () => {
    const input = writeSources(join(root, 'unreadable'), { clients: 'id_client\n1\n', achats })
    chmodSync(join(input, 'clients.csv'), 0)
    expect(await failedRun(dataDir, input)).toContain(
      `(EACCES): permission denied: make ${join(input, 'clients.csv')} readable`,
    )
  })

  it('a lake that cannot be written: its path and what to do', async () => {
    const blocked = join(root, 'blocked')
    mkdirSync(blocked)
    writeFileSync(join(blocked, 'lake'), 'a file where the lake folder goes')
    const stderr = await failedRun(blocked, await generatedSources(join(root, 'seed')))
    expect(stderr).toMatch(
      new RegExp(
        `medallion: could not write ${join(blocked, 'lake')}/\\S+ \\(ENOTDIR\\): a part of the path`,
      ),
    )
  })

  it('a folder where the lock file goes (EISDIR)', async () => {
    const data = join(root, 'lock-folder')
    mkdirSync(join(data, '.medallion.lock'), { recursive: true })
    const lock = join(data, '.medallion.lock')
    expect(await failedRun(data, await generatedSources(join(root, 'seed-lock')))).toContain(
      `medallion: could not write ${lock} (EISDIR): ${lock} is a folder: rename or remove it`,
    )
  })

  const tiny = tinyDisk('256k')
  it.skipIf(!tiny)(
    'a full disk while generating (ENOSPC): named, and nothing half-written left',
    async () => {
      const out = join(tiny as string, 'sources')
      const result = await runCli(['generate', '--data-dir', dataDir, '--out', out, '--purchases', '100000'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `medallion: could not write ${join(out, 'achats.csv')} (ENOSPC): the disk holding ${out} is full: free some space or choose another disk`,
      )
      expect(readdirSync(out)).toEqual([])
    },
  )

  const tinyLake = tinyDisk('128k')
  it.skipIf(!tinyLake)(
    'a full disk while the worker writes the lake (ENOSPC): the Parquet file named',
    async () => {
      const stderr = await failedRun(tinyLake as string, await generatedSources(join(root, 'seed-full')))
      expect(stderr).toMatch(
        new RegExp(
          `medallion: could not write ${tinyLake}/lake/bronze/\\S+\\.parquet \\(ENOSPC\\): the disk holding ${tinyLake}/lake/bronze/\\S+ is full`,
        ),
      )
      expect(stderr).not.toMatch(/os error|out of specification/)
    },
  )

  it('reads the errno out of what Polars and other native code print', () => {
    let polars: unknown
    try {
      pl.DataFrame({ a: [1, 2, 3] }).writeParquet('/dev/full')
    } catch (err) {
      polars = err
    }
    if (process.platform === 'linux') expect(systemErrorCode(polars)).toBe('ENOSPC')
    expect(
      systemErrorCode(new Error('Os { code: 2, kind: NotFound, message: "No such file or directory" }')),
    ).toBe('ENOENT')
    expect(systemErrorCode(new Error('There is not enough space on the disk. (os error 112)'))).toBe('ENOSPC')
    expect(systemErrorCode(new Error('Read-only file system'))).toBe('EROFS')
    expect(systemErrorMessage({ code: 'EROFS' }, '/media/cd/lake/x.parquet', 'write')).toBe(
      'could not write /media/cd/lake/x.parquet (EROFS): /media/cd/lake is on a read-only disk: choose another folder',
    )
    expect(systemErrorMessage(new Error('unexpected'), '/d/f.csv', 'read')).toBe(
      'could not read /d/f.csv (unexpected): check that /d/f.csv is a file you can read',
    )
  })
})
