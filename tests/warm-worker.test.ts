/**
 * The worker thread the CLI starts before its plan is known (src-main/core/warm-worker.ts): a run through
 * a core given it makes the gold a fresh thread makes; an unused one lets its process end; one that died
 * before its plan came is replaced, so the run fails with a reason instead of waiting forever.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import type { LayerPlan } from '../pipelines/run-layers.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { compareGold } from '../src-main/core/bench/gold-compare.ts'
import { runInWorker } from '../src-main/core/pipeline-worker.ts'
import { warmWorkerThread } from '../src-main/core/warm-worker.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

const NO_CALLBACKS = { progress: () => {}, step: () => {} }

describe('the worker thread started before its plan', () => {
  const sources = tempDir('medallion-warm-src-')

  beforeAll(async () => {
    await generateSources({ outDir: sources, clients: 500, purchases: 8_000, seed: 3, dirtyShare: 0.05 })
  }, 60_000)

  it('runs the first plan given, and a fresh thread the next, with the gold a new thread makes', async () => {
    const warm = createCore({
      dataDir: tempDir('medallion-warm-'),
      paths: SOURCE_PATHS,
      threads: warmWorkerThread(SOURCE_PATHS.pipelineWorker),
    })
    const plain = createCore({ dataDir: tempDir('medallion-warm-plain-'), paths: SOURCE_PATHS })
    try {
      const gold = (core: typeof warm, record: RunRecord) =>
        join(core.options.dataDir, 'lake', record.layers.gold as string)
      const first = await warm.pipeline.start({ from: 'bronze', inputDir: sources }).done
      const second = await warm.pipeline.start({ from: 'bronze', inputDir: sources }).done
      const fresh = await plain.pipeline.start({ from: 'bronze', inputDir: sources }).done
      for (const record of [first, second]) {
        expect(record.status).toBe('succeeded')
        expect(record.quality).toEqual(fresh.quality)
        expect(compareGold(gold(plain, fresh), gold(warm, record)).differences).toEqual([])
      }
    } finally {
      await warm.close()
      await plain.close()
    }
  }, 120_000)

  it('is released, not left loaded, by a run in a process of its own', async () => {
    const warm = warmWorkerThread(SOURCE_PATHS.pipelineWorker)
    const calls: string[] = []
    const threads = {
      start: (...args: Parameters<typeof warm.start>) => {
        calls.push('start')
        return warm.start(...args)
      },
      release: () => {
        calls.push('release')
        warm.release()
      },
    }
    const core = (ownProcessFromBytes?: number) =>
      createCore({
        dataDir: tempDir('medallion-warm-released-'),
        paths: SOURCE_PATHS,
        threads,
        ...(ownProcessFromBytes === undefined ? {} : { ownProcessFromBytes }),
      })
    const big = core(0)
    const small = core()
    try {
      const inProcess = await big.pipeline.start({ from: 'bronze', inputDir: sources }).done
      expect(inProcess.status).toBe('succeeded')
      expect(calls).toEqual(['release'])
      // Once released, a small run gets a thread of its own.
      const inThread = await small.pipeline.start({ from: 'bronze', inputDir: sources }).done
      expect(inThread.status).toBe('succeeded')
      expect(calls).toEqual(['release', 'start'])
    } finally {
      await big.close()
      await small.close()
    }
  }, 120_000)

  it('lets its process end when no run takes it', () => {
    const script = `import { warmWorkerThread } from ${JSON.stringify(join(REPO_ROOT, 'src-main/core/warm-worker.ts'))}
warmWorkerThread(${JSON.stringify(SOURCE_PATHS.pipelineWorker)})
console.log('started')`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(child.error).toBeUndefined()
    expect(child.status, child.stderr).toBe(0)
    expect(child.stdout.trim()).toBe('started')
  }, 60_000)

  it('is replaced when it died before its plan came: the run fails with a reason', async () => {
    const entry = join(tempDir('medallion-warm-dead-'), 'exits.mjs')
    writeFileSync(entry, 'process.exit(3)\n')
    const { start } = warmWorkerThread(entry)
    // Long enough for the thread to start and exit.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const plan = { runId: 'warm-dead' } as LayerPlan
    const run = runInWorker(() => start(entry, plan), new AbortController().signal, NO_CALLBACKS)
    await expect(run).rejects.toThrow(/exited \(code 3\) before finishing/)
  }, 30_000)
})
