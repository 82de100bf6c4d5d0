/**
 * A big run in a process of its own (src-main/core/plan-process.ts, pipelines/worker-parent.ts): the same
 * gold, bit for bit, as a run in a worker thread; the allocator setting in the child's environment; a
 * cancel that kills the child, records the run as cancelled and leaves nothing staged. The size threshold
 * is set to 0 here, so small generated sources take the process path.
 */
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { compareGold } from '../src-main/core/bench/gold-compare.ts'
import { PLAN_PROCESS_ENV } from '../src-main/core/plan-process.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

/** The pids of this process's children running the pipeline worker. */
function workerChildren(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'pipeline-worker'], {
      encoding: 'utf8',
    })
    return out.split('\n').filter(Boolean).map(Number)
  } catch {
    return [] // pgrep exits 1 when none matches
  }
}

describe('a big run in a process of its own', () => {
  const sources = tempDir('medallion-plan-process-src-')
  const core = (ownProcessFromBytes?: number) => {
    const started = createCore({
      dataDir: tempDir('medallion-plan-process-'),
      paths: SOURCE_PATHS,
      ...(ownProcessFromBytes !== undefined ? { ownProcessFromBytes } : {}),
    })
    afterAll(() => started.close())
    return started
  }
  const inProcess = core(0)
  const inThread = core()
  const goldOf = (c: ReturnType<typeof core>, record: RunRecord) =>
    join(c.options.dataDir, 'lake', record.layers.gold as string)

  beforeAll(async () => {
    await generateSources({ outDir: sources, clients: 2_000, purchases: 60_000, seed: 5, dirtyShare: 0.03 })
  }, 120_000)

  it('makes the gold a worker thread makes, with the allocator setting in its environment', async () => {
    const { done } = inProcess.pipeline.start({ from: 'bronze', inputDir: sources })
    // The child, seen while it runs: its environment carries the setting.
    let environ = ''
    while (environ === '') {
      const [pid] = workerChildren()
      if (pid) environ = readFileSync(`/proc/${pid}/environ`, 'utf8')
      else await sleep(10)
    }
    const [name, value] = Object.entries(PLAN_PROCESS_ENV)[0] as [string, string]
    expect(environ.split('\0')).toContain(`${name}=${value}`)
    const viaProcess = await done
    const viaThread = await inThread.pipeline.start({ from: 'bronze', inputDir: sources }).done
    expect(viaProcess.status).toBe('succeeded')
    expect(viaProcess.files).toEqual(viaThread.files)
    expect(viaProcess.quality).toEqual(viaThread.quality)
    expect(compareGold(goldOf(inThread, viaThread), goldOf(inProcess, viaProcess)).differences).toEqual([])
    expect(workerChildren()).toEqual([])
  }, 120_000)

  it('ends when the process that started it is killed, leaving no orphan', async () => {
    const dataDir = tempDir()
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'tests', 'helpers', 'plan-process-child.ts'), dataDir, sources],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const [line] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string]
    const worker = Number(/^running (\d+)$/.exec(line)?.[1])
    expect(existsSync(`/proc/${worker}`)).toBe(true)
    parent.kill('SIGKILL')
    await expect.poll(() => existsSync(`/proc/${worker}`), { timeout: 20_000 }).toBe(false)
    // It stopped at once rather than finishing the run alone: no gold table was written.
    const gold = join(dataDir, 'lake', 'gold')
    const written = existsSync(gold) ? readdirSync(gold, { recursive: true }).map(String) : []
    expect(written.filter((name) => name.endsWith('.parquet'))).toEqual([])
  }, 120_000)

  it('is killed by a cancel: the run is recorded cancelled and nothing it staged stays', async () => {
    const { task, done } = inProcess.pipeline.start({ from: 'bronze', inputDir: sources })
    while (workerChildren().length === 0) await sleep(10)
    task.cancel()
    await expect(done).rejects.toThrow(/cancel/)
    const [record] = await inProcess.pipeline.runs(1)
    expect(record?.status).toBe('cancelled')
    expect(existsSync(join(inProcess.options.dataDir, 'lake', 'bronze', record?.runId ?? ''))).toBe(false)
    expect(workerChildren()).toEqual([])
  }, 120_000)
})
