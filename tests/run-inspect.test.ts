/**
 * Runs you can inspect (issue 14), on a real lake with real Polars runs: who started a run, a run's rejects
 * grouped by reason (checked against the rejects Parquet and the source file's lines), and two runs
 * compared (checked against each run's gold).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { commitPredictions } from '../src-main/core/ml/prediction-commit.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import { runDataOnStack } from '../src-main/core/stack-data.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import type { RunComparison, RunRejects } from '../src-preload/contract-runs.ts'
import { runCli } from './helpers/cli.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

async function call<T>(core: ReturnType<typeof testCore>, name: string, input: unknown): Promise<T> {
  const envelope = await dispatch(core.handlers, name, input)
  if ('error' in envelope) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.result as T
}

async function settled(core: ReturnType<typeof testCore>, taskId: string): Promise<void> {
  while (core.tasks.list().find((t) => t.id === taskId)?.state === 'running') {
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The source file's physical lines (1-based, as the rejects table counts them). */
function fileLines(path: string): string[] {
  return ['', ...readFileSync(path, 'utf8').split(/\r?\n/)]
}

describe('runs you can inspect', () => {
  const dataDir = tempDir('medallion-inspect-')
  const core = testCore(dataDir)
  let manual: RunRecord
  let second: RunRecord

  it('records who started each run: manual through the contract, stack for Up, train for predictions', async () => {
    await core.sources.generate({ clients: 200, seed: 3, dirtyShare: 0.05 }).done
    const { taskId } = await call<{ taskId: string }>(core, 'pipeline.run', { from: 'bronze' })
    await settled(core, taskId)
    manual = (await core.pipeline.runs(1))[0] as RunRecord
    expect(manual).toMatchObject({ status: 'succeeded', trigger: 'manual' })
    // A caller of the contract cannot claim another trigger.
    await expect(call(core, 'pipeline.run', { from: 'bronze', trigger: 'schedule' })).rejects.toThrow(
      /trigger/,
    )

    // The stack's Up runs the pipeline on the lake it connects to (here the embedded one).
    const up = core.tasks.run('stack-data', 'data on the stack', (task) =>
      runDataOnStack(core, {}, task, { pipeline: true, onProgress: () => {} }),
    )
    const { runId: stackRun } = await up.done
    second = (await core.pipeline.runs(5)).find((r) => r.runId === stackRun) as RunRecord
    expect(second.trigger).toBe('stack')

    const predictions = join(dataDir, 'predictions.parquet')
    pl.DataFrame({ id_client: [1, 2], churn_probability: [0.1, 0.9] }).writeParquet(predictions)
    const trained = await commitPredictions(core.lake, dataDir, {
      source: second,
      file: predictions,
      rows: 2,
      ms: 1,
    })
    expect(trained.trigger).toBe('train')
    expect((await core.pipeline.runs(1))[0]).toMatchObject({ runId: trained.runId, trigger: 'train' })
  }, 120_000)

  it('reads records written before the trigger as manual', async () => {
    const path = join(dataDir, 'lake', '_runs', `${manual.runId}.json`)
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    delete stored.trigger
    writeFileSync(path, JSON.stringify(stored))
    const listed = (await core.pipeline.runs(10)).find((r) => r.runId === manual.runId)
    expect(listed?.trigger).toBe('manual')
    expect(JSON.parse(readFileSync(path, 'utf8'))).not.toHaveProperty('trigger')
  })

  it('groups a run’s rejects by reason as the rejects Parquet has them, with the files’ own lines', async () => {
    const rejects = await call<RunRejects>(core, 'pipeline.rejects', { runId: manual.runId, perReason: 3 })
    const table = pl.readParquet(join(dataDir, 'lake', manual.layers.silver as string, 'rejects.parquet'))
    const expected = Object.fromEntries(
      (table.groupBy('reason').len().toRecords() as { reason: string; len: number }[]).map((r) => [
        r.reason,
        Number(r.len),
      ]),
    )
    expect(table.height).toBeGreaterThan(0)
    expect(Object.fromEntries(rejects.reasons.map((r) => [r.reason, r.count]))).toEqual(expected)
    expect(rejects.total).toBe(table.height)
    // Most frequent first, and per file they add up to the reason's count.
    const counts = rejects.reasons.map((r) => r.count)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    const lines = { clients: fileLines(join(dataDir, 'sources', 'clients.csv')) }
    const achats = fileLines(join(dataDir, 'sources', 'achats.csv'))
    for (const group of rejects.reasons) {
      expect(Object.values(group.byFile).reduce((n, c) => n + c, 0)).toBe(group.count)
      expect(group.examples.length).toBe(Math.min(3, group.count))
      expect(group.label).not.toBe('')
      for (const example of group.examples) {
        const text = (example.file.startsWith('clients') ? lines.clients : achats)[example.line] ?? ''
        // Every field of the rejected row is on that line of the file it came from.
        const values = Object.values(example.record).filter(
          (v): v is string => typeof v === 'string' && v !== '',
        )
        expect(values.length, `${group.reason} at ${example.file}:${example.line}`).toBeGreaterThan(0)
        for (const value of values) expect(text, `${example.file}:${example.line}`).toContain(value.trim())
      }
    }
    await expect(call(core, 'pipeline.rejects', { runId: 'not-a-run' })).rejects.toThrow(/run id/)
    await expect(call(core, 'pipeline.rejects', { runId: '20200101T000000000Z-zzzz' })).rejects.toThrow(
      /run_not_found/,
    )
  })

  it('keeps the rejects of a run a gate stopped, with the gate in its record', async () => {
    await core.sources.generate({ clients: 200, seed: 4, dialect: 'fr-excel' }).done
    // The French files, read with the month first: every day after the 12th is not a date.
    const { done } = core.pipeline.start({
      from: 'bronze',
      dialect: { clients: { dateFormat: '%m/%d/%Y' } },
    })
    await expect(done).rejects.toThrow()
    const failed = (await core.pipeline.runs(1))[0] as RunRecord
    expect(failed).toMatchObject({ status: 'failed', trigger: 'manual' })
    expect(failed.error).toMatch(/invalid_date/)
    const rejects = await call<RunRejects>(core, 'pipeline.rejects', { runId: failed.runId })
    expect(rejects.available).toBe(true)
    expect(rejects.reasons.find((r) => r.reason === 'invalid_date')?.byFile).toHaveProperty('clients.csv')
  }, 120_000)

  it('compares two runs: KPIs from their records, segments from their gold', async () => {
    const comparison = await call<RunComparison>(core, 'pipeline.compare', {
      a: manual.runId,
      b: second.runId,
    })
    expect(comparison.a.runId).toBe(manual.runId)
    for (const figure of comparison.kpis) {
      const name = figure.name as keyof NonNullable<RunRecord['kpis']>
      expect(figure.a).toBe(manual.kpis?.[name])
      expect(figure.b).toBe(second.kpis?.[name])
      expect(figure.diff).toBeCloseTo((figure.b as number) - (figure.a as number), 9)
    }
    const gold = (run: RunRecord) =>
      pl
        .readParquet(join(dataDir, 'lake', run.layers.gold as string, 'segment_summary.parquet'))
        .toRecords() as {
        segment_label: string
        clients: number | bigint
        ca_12m: number
      }[]
    for (const [side, run] of [
      ['a', manual],
      ['b', second],
    ] as const) {
      for (const row of gold(run)) {
        expect(comparison.segmentClients.find((f) => f.name === row.segment_label)?.[side]).toBe(
          Number(row.clients),
        )
        expect(comparison.segmentRevenue.find((f) => f.name === row.segment_label)?.[side]).toBeCloseTo(
          row.ca_12m,
          6,
        )
      }
    }
    for (const f of comparison.segmentClients) {
      if (f.a !== null && f.b !== null && f.a !== 0) expect(f.pct).toBeCloseTo(((f.b - f.a) / f.a) * 100, 9)
    }
    const failed = (await core.pipeline.runs(20)).find((r) => r.status === 'failed') as RunRecord
    await expect(call(core, 'pipeline.compare', { a: manual.runId, b: failed.runId })).rejects.toThrow(
      /run_without_gold/,
    )
  })

  it('lists the trigger in `medallion runs` and in its JSON', async () => {
    const listed = await core.pipeline.runs(20)
    const json = JSON.parse((await runCli(['runs', '--json', '--data-dir', dataDir])).stdout) as RunRecord[]
    expect(json.map((r) => [r.runId, r.trigger])).toEqual(listed.map((r) => [r.runId, r.trigger]))
    expect(new Set(json.map((r) => r.trigger))).toEqual(new Set(['manual', 'stack', 'train']))
    const table = (await runCli(['runs', '--data-dir', dataDir])).stdout.trim().split('\n')
    expect(table[0]?.split(/\s+/).slice(0, 3)).toEqual(['run', 'status', 'trigger'])
    for (const run of listed) {
      const line = table.find((l) => l.startsWith(run.runId)) ?? ''
      expect(line.split(/\s+/).slice(1, 3)).toEqual([run.status, run.trigger])
    }
  }, 120_000)
})
