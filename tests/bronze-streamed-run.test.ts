/**
 * A run whose sources are streamed to bronze (large files; forced here with `streamFromBytes: 0`) gives the
 * same layers as one that reads them in memory: gold bit for bit, the rows written per table, and every
 * line of each file counted once — on generated sources with dirty rows.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSource } from '../pipelines/bronze.ts'
import { generateSources } from '../pipelines/generate/generate.ts'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import { type LayerResult, runLayers, SOURCES } from '../pipelines/run-layers.ts'
import { tempDir } from './helpers/temp-data.ts'

const NOW = Date.UTC(2026, 0, 20, 12) * 1000
const quiet = { progress: () => {}, step: () => {} }

describe('bronze streamed to its landing, in a whole run', () => {
  const dir = tempDir()
  const sources = { clients: join(dir, 'in', 'clients.csv'), achats: join(dir, 'in', 'achats.csv') }
  const runs: Record<string, LayerResult> = {}

  const run = async (name: string, streamFromBytes?: number) => {
    const out = Object.fromEntries(
      (['bronze', 'silver', 'gold'] as const).map((layer) => {
        const folder = join(dir, name, layer)
        mkdirSync(folder, { recursive: true })
        return [layer, folder]
      }),
    )
    const plan = { runId: name, from: 'bronze' as const, sources, reuse: {}, out, nowMicros: NOW }
    runs[name] = await runLayers(streamFromBytes === undefined ? plan : { ...plan, streamFromBytes }, quiet)
  }

  beforeAll(async () => {
    await generateSources({ outDir: join(dir, 'in'), clients: 300, purchases: 5000, dirtyShare: 0.05 })
    await run('memory')
    await run('streamed', 0)
  })

  it('has sources the landing keeps (their dirty rows are bad values, not bad lines)', async () => {
    for (const table of ['clients', 'achats'] as const) {
      const workDir = join(dir, 'check')
      mkdirSync(workDir, { recursive: true })
      const land = { path: join(workDir, `${table}.parquet`), options: { compression: 'lz4' as const } }
      const read = await readSource({ path: sources[table], ...SOURCES[table], workDir, land }, table, {
        batchId: 'check',
        ingestedAtMicros: NOW,
      })
      expect(read.landed, table).toBe(true)
    }
  })

  it('lands bronze as the in-memory read would, and silver and gold alike', () => {
    expect(runs.memory?.quality.achats?.final_rows).toBeLessThan(
      runs.memory?.quality.achats?.initial_rows ?? 0,
    )
    expect(readdirSync(join(dir, 'streamed', 'bronze')).sort()).toEqual(['achats.parquet', 'clients.parquet'])
    expect(runs.streamed?.tables).toEqual(runs.memory?.tables)
    expect(runs.streamed?.files).toEqual(runs.memory?.files)
    expect(runs.streamed?.quality).toEqual(runs.memory?.quality)
    const bronze = (name: string) => pl.readParquet(join(dir, name, 'bronze', 'achats.parquet'))
    expect(bronze('streamed').drop('_batch_id').frameEqual(bronze('memory').drop('_batch_id'), true)).toBe(
      true,
    )
    for (const table of GOLD_TABLES) {
      const gold = (name: string) => pl.readParquet(join(dir, name, 'gold', `${table}.parquet`))
      expect(gold('streamed').frameEqual(gold('memory'), true), table).toBe(true)
    }
  })
})
