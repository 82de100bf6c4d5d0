import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

/** Every file of a layer folder with its size and mtime: proof that nothing touched it. */
function fingerprint(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f))
      return `${f}:${s.size}:${s.mtimeMs}`
    })
    .join('|')
}

describe('pipeline runs (worker threads, local lake)', () => {
  const dataDir = tempDir()
  const core = testCore(dataDir, 3)
  let first: RunRecord

  beforeAll(async () => {
    await core.sources.generate({ clients: 200, seed: 7, dirtyShare: 0.05 }).done
    first = await core.pipeline.start({ from: 'bronze' }).done
  }, 120_000)

  it('commits a run: every layer written under its own folder, the record written last', () => {
    expect(first.status).toBe('succeeded')
    expect(Object.keys(first.layers)).toEqual(['bronze', 'silver', 'gold'])
    for (const table of GOLD_TABLES) {
      expect(existsSync(join(dataDir, 'lake', first.layers.gold as string, `${table}.parquet`))).toBe(true)
    }
    const record = JSON.parse(readFileSync(join(dataDir, 'lake', '_runs', `${first.runId}.json`), 'utf8'))
    expect(record.runId).toBe(first.runId)
    expect(first.steps.map((s) => `${s.layer}/${s.table}`)).toContain('silver/clean')
    expect(first.bytes).toBeGreaterThan(0)
  })

  it('keeps every rejected row with its reason, and the original counters in the record', () => {
    const rejects = pl.readParquet(join(dataDir, 'lake', first.layers.silver as string, 'rejects.parquet'))
    const q = first.quality
    const dropped = (side: Record<string, number>) => (side.initial_rows ?? 0) - (side.final_rows ?? 0)
    expect(rejects.height).toBe(dropped(q.clients ?? {}) + dropped(q.achats ?? {}))
    expect(rejects.height).toBeGreaterThan(0)
    expect(new Set(rejects.getColumn('reason').toArray())).toContain('orphan_client')
    expect(rejects.columns).toEqual([
      'source',
      'row_number',
      'reason',
      'field',
      'value',
      'record',
      'batch_id',
    ])
  })

  it('runs from silver or gold, reusing the earlier layers of the current run', async () => {
    const fromSilver = await core.pipeline.start({ from: 'silver' }).done
    expect(fromSilver.layers.bronze).toBe(first.layers.bronze)
    expect(fromSilver.layers.silver).not.toBe(first.layers.silver)
    const fromGold = await core.pipeline.start({ from: 'gold' }).done
    expect(fromGold.layers.silver).toBe(fromSilver.layers.silver)
    expect(fromGold.kpis).toEqual(first.kpis)
  }, 120_000)

  it('lets one process at a time write the data folder', async () => {
    const a = core.pipeline.start({ from: 'gold' })
    const b = core.pipeline.start({ from: 'gold' })
    const results = await Promise.allSettled([a.done, b.done])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(String(failure.reason.message)).toMatch(/is in use by process/)
  }, 120_000)

  it('prunes old runs but never the folders the kept runs use', async () => {
    const runs = await core.pipeline.runs(100)
    expect(runs.length).toBeLessThanOrEqual(3)
    const kept = new Set(runs.flatMap((r) => Object.values(r.layers)))
    for (const layer of ['bronze', 'silver', 'gold']) {
      for (const folder of readdirSync(join(dataDir, 'lake', layer)))
        expect(kept).toContain(`${layer}/${folder}`)
    }
  })

  it('cancelling mid-run leaves the previous gold intact and records the cancel', async () => {
    const current = (await core.pipeline.runs(100)).find((r) => r.status === 'succeeded') as RunRecord
    const goldDir = join(dataDir, 'lake', current.layers.gold as string)
    const before = fingerprint(goldDir)
    const { task, done } = core.pipeline.start({ from: 'bronze' })
    await new Promise<void>((resolve) => {
      const onChange = (info: { id: string; step: string }) => {
        if (info.id === task.id && info.step.startsWith('silver')) {
          core.tasks.off('changed', onChange)
          resolve()
        }
      }
      core.tasks.on('changed', onChange)
    })
    task.cancel()
    await expect(done).rejects.toThrow(/cancel/)
    expect(task.info.state).toBe('cancelled')
    const runs = await core.pipeline.runs(100)
    expect(runs[0]?.status).toBe('cancelled')
    expect(runs.find((r) => r.status === 'succeeded')?.runId).toBe(current.runId)
    expect(fingerprint(goldDir)).toBe(before)
    // What the cancelled run staged is gone.
    expect(existsSync(join(dataDir, 'lake', 'bronze', runs[0]?.runId ?? ''))).toBe(false)
  }, 120_000)
})
