/**
 * SIGINT and SIGTERM through the real `medallion` command: the work is cancelled cleanly (a cancelled
 * record, no staging, no lock, the previous gold or sources untouched), one line on stderr, 130 / 143.
 */
import type { ChildProcess } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunRecord } from '../src-preload/contract.ts'
import { runCli, startCli } from './helpers/cli.ts'
import { tempDir } from './helpers/temp-data.ts'

/** Resolves once the child's stderr matches `pattern`. */
function untilStderr(child: ChildProcess, pattern: RegExp): Promise<void> {
  let seen = ''
  return new Promise((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (pattern.test(seen)) resolve()
    })
  })
}

async function runs(dataDir: string): Promise<RunRecord[]> {
  return JSON.parse((await runCli(['runs', '--json', '--data-dir', dataDir])).stdout) as RunRecord[]
}

/** Each source file with its size and mtime: proof that nothing replaced it. */
function fingerprint(dir: string): string {
  return ['clients.csv', 'achats.csv']
    .map((name) => {
      const s = statSync(join(dir, name))
      return `${name}:${s.size}:${s.mtimeMs}`
    })
    .join('|')
}

const medallionLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('medallion:'))

describe('signals during medallion run and generate', () => {
  const dataDir = tempDir('medallion-signals-')
  let good: RunRecord

  beforeAll(async () => {
    // Large enough that a run is still in silver when the signal comes.
    expect((await runCli(['generate', '--data-dir', dataDir, '--purchases', '2000000'])).code).toBe(0)
    const first = await runCli(['run', '--json', '--data-dir', dataDir])
    expect(first.code).toBe(0)
    good = JSON.parse(first.stdout) as RunRecord
    expect(good.commitSeq).toBe(1)
  }, 120_000)

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-run: recorded as cancelled, staging and lock gone, one line, exit ${code}`, async () => {
      const { child, result } = startCli(['run', '--data-dir', dataDir])
      await untilStderr(child, /silver: cleaning/)
      child.kill(signal)
      const { code: exitCode, stderr } = await result
      expect(exitCode).toBe(code)
      expect(medallionLines(stderr)).toEqual([
        `medallion: cancelled by ${signal}; the previous gold stays current`,
      ])
      expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^medallion: cancelled by/)

      const history = await runs(dataDir)
      const cancelled = history[0] as RunRecord
      expect(cancelled).toMatchObject({ status: 'cancelled', error: `cancelled by ${signal}` })
      expect(history.find((r) => r.status === 'succeeded')?.runId).toBe(good.runId)
      for (const layer of ['bronze', 'silver', 'gold'])
        expect(existsSync(join(dataDir, 'lake', layer, cancelled.runId))).toBe(false)
      expect(readdirSync(join(dataDir, 'lake', '_runs')).filter((n) => n.includes('.staging.'))).toEqual([])
      expect(existsSync(join(dataDir, '.medallion.lock'))).toBe(false)
    }, 60_000)
  }

  it('a second signal while cancelling exits at once, still 130; the next run cleans up', async () => {
    const { child, result } = startCli(['run', '--data-dir', dataDir])
    await untilStderr(child, /silver: cleaning/)
    child.kill('SIGINT')
    child.kill('SIGINT')
    const { code, stderr } = await result
    expect(code).toBe(130)
    expect(medallionLines(stderr)).toEqual([
      'medallion: cancelled by SIGINT; the previous gold stays current',
    ])
    expect((await runs(dataDir)).find((r) => r.status === 'succeeded')?.runId).toBe(good.runId)

    // Whatever the forced exit left (a lock, staged folders) is taken over and pruned by the next run.
    const next = await runCli(['run', '--json', '--data-dir', dataDir])
    expect(next.code).toBe(0)
    const record = JSON.parse(next.stdout) as RunRecord
    for (const layer of ['bronze', 'silver', 'gold'])
      expect(readdirSync(join(dataDir, 'lake', layer)).sort()).toEqual([good.runId, record.runId].sort())
    expect(existsSync(join(dataDir, '.medallion.lock'))).toBe(false)
  }, 120_000)

  it('SIGINT while generate writes: the previous sources stay whole, no partial file, exit 130', async () => {
    const sources = join(dataDir, 'sources')
    const before = fingerprint(sources)
    const clients = readFileSync(join(sources, 'clients.csv'))
    const { child, result } = startCli([
      'generate',
      '--data-dir',
      dataDir,
      '--purchases',
      '3000000',
      '--seed',
      '7',
    ])
    await untilStderr(child, /write achats\.csv/)
    child.kill('SIGINT')
    const { code, stderr } = await result
    expect(code).toBe(130)
    expect(medallionLines(stderr)).toEqual([
      'medallion: cancelled by SIGINT; the previous sources stay as they were',
    ])
    expect(fingerprint(sources)).toBe(before)
    expect(readFileSync(join(sources, 'clients.csv')).equals(clients)).toBe(true)
    expect(readdirSync(sources).sort()).toEqual(['achats.csv', 'clients.csv'])
    expect(existsSync(join(dataDir, '.medallion.lock'))).toBe(false)
  }, 60_000)

  it('the next generate removes partial files a killed generate left', async () => {
    const sources = join(dataDir, 'sources')
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    const leftover = join(sources, `.achats.csv.${dead}-0badf00d.partial`)
    writeFileSync(leftover, 'id_achat,id_client\n1,')
    expect((await runCli(['generate', '--data-dir', dataDir, '--clients', '50'])).code).toBe(0)
    expect(readdirSync(sources).sort()).toEqual(['achats.csv', 'clients.csv'])
  })
})
