/**
 * The current run is the last one committed (its record's commitSeq), whatever the clock says: a run
 * whose id is older because the clock went back is still the current one, served, and pruning keeps
 * working — locally and on MinIO.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import {
  currentOf,
  FAILED_RUNS_KEPT,
  layerFolder,
  newestFirst,
  newRunId,
  planPrune,
} from '../src-main/core/lake/lake.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { MINIO_AVAILABLE, MINIO_SKIP_REASON, type RunningMinio, startMinio } from './helpers/minio.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

function record(runId: string, fields: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    status: 'succeeded',
    trigger: 'manual',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:00.000Z',
    from: 'bronze',
    layers: { gold: layerFolder('gold', runId) },
    tables: {},
    steps: [],
    quality: {},
    bytes: 0,
    ...fields,
  }
}

const at = (iso: string) => newRunId(new Date(iso))

describe('the order of run records (lake.ts)', () => {
  it('goes by commitSeq; records from before it come first, by finish time; the clock never decides', () => {
    const legacyOld = record(at('2029-01-01'), { finishedAt: '2024-01-01T00:00:00.000Z' })
    const legacyNew = record(at('2021-01-01'), { finishedAt: '2024-06-01T00:00:00.000Z' })
    const first = record(at('2030-01-01'), { commitSeq: 1 })
    const afterClockWentBack = record(at('2020-01-01'), { commitSeq: 2 })
    const failedLast = record(at('2019-01-01'), { commitSeq: 3, status: 'failed', layers: {} })
    const runs = [legacyOld, failedLast, first, legacyNew, afterClockWentBack]
    expect(newestFirst(runs)).toEqual([failedLast, afterClockWentBack, first, legacyNew, legacyOld])
    expect(currentOf(runs)).toBe(afterClockWentBack)
    expect(currentOf([legacyOld, legacyNew])).toBe(legacyNew)
  })

  it('prunes by that order and knows a run in progress by its staging mark, not by its id', () => {
    const old = record(at('2030-01-01'), { commitSeq: 1 })
    const current = record(at('2020-01-01'), { commitSeq: 2 })
    const failed = record(at('2019-01-01'), { commitSeq: 3, status: 'failed', layers: {} })
    // Began after the last record (seq 3), ids older than every record: still writing.
    const writing = { runId: at('2010-01-01'), afterSeq: 3 }
    // Began before a record was written since: it died.
    const killed = { runId: at('2040-01-01'), afterSeq: 2 }
    const plan = planPrune([old, current, failed], 2, [writing, killed])
    expect(plan.removedRuns).toEqual([old.runId])
    expect(plan.isRemovable('gold', old.runId)).toBe(true)
    expect(plan.isRemovable('gold', current.runId)).toBe(false)
    expect(plan.isRemovable('bronze', failed.runId)).toBe(true)
    expect(plan.isRemovable('bronze', writing.runId)).toBe(false)
    expect(plan.isRemovable('bronze', killed.runId)).toBe(true)
    expect(plan.removedMarks).toEqual([killed])
    // A folder with neither a record nor a mark (staged before marks existed) is judged by its id.
    expect(plan.isRemovable('bronze', at('2045-01-01'))).toBe(false)
    expect(plan.isRemovable('bronze', at('2001-01-01'))).toBe(true)
  })
})

describe('the evidence of failed runs (lake.ts)', () => {
  it('keeps the bronze and silver of the newest FAILED_RUNS_KEPT failed runs, and no older one', () => {
    const good = record(at('2025-01-01'), { commitSeq: 1 })
    const failed = [2, 3, 4, 5].map((seq) => {
      const runId = at(`2025-01-0${seq}`)
      const layers = { bronze: layerFolder('bronze', runId), silver: layerFolder('silver', runId) }
      return record(runId, { commitSeq: seq, status: 'failed', layers })
    })
    const plan = planPrune([good, ...failed], 10)
    expect(FAILED_RUNS_KEPT).toBe(3)
    // Seq 5, 4, 3 keep their folders; seq 2 loses them (its record stays in the history).
    for (const run of failed.slice(1)) expect(plan.isRemovable('silver', run.runId), run.runId).toBe(false)
    expect(plan.isRemovable('silver', failed[0]?.runId as string)).toBe(true)
    expect(plan.isRemovable('bronze', failed[0]?.runId as string)).toBe(true)
    expect(plan.removedRuns).toEqual([])
    expect(plan.isRemovable('gold', good.runId)).toBe(false)
  })
})

/** A clock the test sets, injected into the core (CoreOptions.now). */
function settableClock() {
  let now = new Date()
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso)
    },
  }
}

/**
 * Three runs, the clock going back a year before the second and the third (still after the data's dates);
 * the history keeps 2.
 */
async function runWhileTheClockGoesBack(core: Core, clock: ReturnType<typeof settableClock>) {
  await core.sources.generate({ clients: 120, seed: 3 }).done
  clock.set('2032-06-01T12:00:00Z')
  const first = await core.pipeline.start({ from: 'bronze' }).done
  clock.set('2031-06-01T12:00:00Z')
  const second = await core.pipeline.start({ from: 'bronze' }).done
  expect(second.runId < first.runId).toBe(true)
  expect(second.commitSeq).toBe((first.commitSeq as number) + 1)
  expect((await core.lake.currentRun())?.runId).toBe(second.runId)
  expect((await core.serving.status()).runId).toBe(second.runId)
  expect((await core.pipeline.runs()).map((r) => r.runId)).toEqual([second.runId, first.runId])

  clock.set('2030-06-01T12:00:00Z')
  const third = await core.pipeline.start({ from: 'bronze' }).done
  expect((await core.lake.currentRun())?.runId).toBe(third.runId)
  expect((await core.serving.status()).runId).toBe(third.runId)
  // The first run is the oldest committed, so it is the one pruned, though its id is the newest.
  expect((await core.pipeline.runs()).map((r) => r.runId)).toEqual([third.runId, second.runId])
  return { first, second, third }
}

describe('after the clock goes back, the new run is current (local lake)', () => {
  const dataDir = tempDir('medallion-clock-')
  const clock = settableClock()
  const core = createCore({ dataDir, paths: SOURCE_PATHS, keepRuns: 2, now: clock.now })
  afterAll(() => core.close())

  it('serves the run committed last and prunes the oldest committed', async () => {
    const { second, third } = await runWhileTheClockGoesBack(core, clock)
    for (const layer of ['bronze', 'silver', 'gold'])
      expect(readdirSync(join(dataDir, 'lake', layer)).sort()).toEqual([second.runId, third.runId].sort())
    expect(readdirSync(join(dataDir, 'lake', '_runs')).sort()).toEqual(
      [`${second.runId}.json`, `${third.runId}.json`].sort(),
    )
  }, 120_000)
})

describe.skipIf(!MINIO_AVAILABLE)(
  `after the clock goes back, the new run is current (MinIO: ${MINIO_AVAILABLE ? 'found' : MINIO_SKIP_REASON})`,
  () => {
    let minio: RunningMinio
    let core: Core
    const clock = settableClock()

    beforeAll(async () => {
      minio = await startMinio(['bronze', 'silver', 'gold'])
      const dataDir = tempDir('medallion-clock-s3-')
      core = createCore({
        dataDir,
        paths: SOURCE_PATHS,
        keepRuns: 2,
        now: clock.now,
        s3: {
          endpoint: minio.endpoint,
          accessKey: minio.accessKey,
          secretKey: minio.secretKey,
          cacheDir: join(dataDir, 'lake-cache'),
        },
      })
    }, 60_000)
    afterAll(async () => {
      await core?.close()
      await minio?.stop()
    })

    it('serves the run committed last and prunes the oldest committed', async () => {
      const { second, third } = await runWhileTheClockGoesBack(core, clock)
      const prefixes = async (bucket: string) =>
        (
          (await minio.client.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' })))
            .CommonPrefixes ?? []
        )
          .map((p) => p.Prefix)
          .sort()
      expect(await prefixes('bronze')).toEqual([`${second.runId}/`, `${third.runId}/`].sort())
      expect(await prefixes('gold')).toEqual(['_runs/', `${second.runId}/`, `${third.runId}/`].sort())
      const records = (
        (await minio.client.send(new ListObjectsV2Command({ Bucket: 'gold', Prefix: '_runs/' }))).Contents ??
        []
      ).map((o) => o.Key)
      expect(records.sort()).toEqual([`_runs/${second.runId}.json`, `_runs/${third.runId}.json`].sort())
    }, 180_000)
  },
)
