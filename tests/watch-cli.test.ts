/**
 * `medallion watch DIR` as a user runs it: sources copied in slowly start exactly one run (trigger `watch`)
 * once they settle, the result is printed, and Ctrl+C stops the watch with 0.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { runCli, startCli, untilOutput } from './helpers/cli.ts'
import { tempDir } from './helpers/temp-data.ts'

const SETTLE_SECONDS = 1.5

/** Copies `from` into `to` in `chunks` pieces, 100 ms apart: a slow copy, well inside the settle time. */
async function copySlowly(from: string, to: string, chunks: number): Promise<void> {
  const bytes = readFileSync(from)
  const size = Math.ceil(bytes.length / chunks)
  writeFileSync(to, '')
  for (let at = 0; at < bytes.length; at += size) {
    appendFileSync(to, bytes.subarray(at, at + size))
    await sleep(100)
  }
}

describe('medallion watch', () => {
  it('refuses a folder that does not exist, with the usage', async () => {
    const missing = join(tempDir('medallion-watch-'), 'nowhere')
    const result = await runCli(['watch', missing, '--data-dir', tempDir()])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${missing} does not exist`)
  })

  it('runs once when files copied in chunks settle, prints the run, and stops on Ctrl+C', async () => {
    const staged = tempDir('medallion-watch-src-')
    await generateSources({ outDir: staged, clients: 40, purchases: 300, seed: 7 })
    const watched = tempDir('medallion-watch-in-')
    const dataDir = tempDir()
    const { child, result } = startCli([
      'watch',
      watched,
      '--data-dir',
      dataDir,
      '--settle',
      String(SETTLE_SECONDS),
      '--json',
    ])
    await untilOutput(child, 'stderr', /Ctrl\+C stops/)
    // chokidar scans the folder before it reports changes.
    await sleep(500)
    const printed = untilOutput(child, 'stdout', /\n/)
    await copySlowly(join(staged, 'clients.csv'), join(watched, 'clients.csv'), 10)
    await copySlowly(join(staged, 'achats.csv'), join(watched, 'achats.csv'), 10)
    const record = JSON.parse((await printed).trim()) as RunRecord
    expect(record).toMatchObject({ status: 'succeeded', trigger: 'watch' })
    expect(record.tables['bronze/clients']).toBe(40)
    // Nothing changed since: no second run.
    await sleep(SETTLE_SECONDS * 2000)
    child.kill('SIGINT')
    const { code, stdout, stderr } = await result
    expect(code).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('medallion: cancelled by SIGINT; watch stopped')
    const history = JSON.parse(
      (await runCli(['runs', '--json', '--data-dir', dataDir])).stdout,
    ) as RunRecord[]
    expect(history.map((run) => [run.runId, run.trigger])).toEqual([[record.runId, 'watch']])
  })
})
