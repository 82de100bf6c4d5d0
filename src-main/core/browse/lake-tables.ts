/**
 * Where a browsed table lives: a Parquet file in a layer folder of a kept run (the current run unless one
 * is named), through the `Lake` interface, so a local lake and an S3 lake (its local cache) answer alike.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Layer, RunRecord } from '../../../src-preload/contract.ts'
import { LAYERS } from '../../../src-preload/values.ts'
import { MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'

export interface LakeTable {
  runId: string
  layer: Layer
  table: string
  path: string
  /** e.g. silver/rejects of run 2026…, for messages. */
  label: string
}

/** The run a browse reads: the named kept run, else the current one. */
export async function browsedRun(
  lake: Pick<Lake, 'listRuns' | 'currentRun'>,
  runId?: string,
): Promise<RunRecord> {
  if (!runId) {
    const current = await lake.currentRun()
    if (!current) {
      throw new MedallionError(
        'not_found',
        'no run has succeeded yet: run the pipeline first (medallion run)',
      )
    }
    return current
  }
  const run = (await lake.listRuns()).find((r) => r.runId === runId)
  if (!run) {
    throw new MedallionError(
      'not_found',
      `no kept run ${runId}: the history keeps the last runs (medallion runs lists them)`,
    )
  }
  return run
}

/** The tables of one layer of a run, sorted (none when the run kept no such layer, or it was pruned). */
export async function layerTables(
  lake: Pick<Lake, 'localLayerDir'>,
  run: RunRecord,
  layer: Layer,
): Promise<{ dir: string; tables: string[] } | undefined> {
  const folder = run.layers[layer]
  if (!folder) return undefined
  let dir: string
  let names: string[]
  try {
    dir = await lake.localLayerDir(folder)
    names = await readdir(dir)
  } catch {
    return undefined
  }
  const tables = names
    .filter((n) => n.endsWith('.parquet') && !n.startsWith('.'))
    .map((n) => n.slice(0, -'.parquet'.length))
    .sort()
  return { dir, tables }
}

/** Every layer's tables of a run. */
export async function runTables(
  lake: Pick<Lake, 'localLayerDir'>,
  run: RunRecord,
): Promise<Record<Layer, string[]>> {
  const entries = await Promise.all(
    LAYERS.map(async (layer) => [layer, (await layerTables(lake, run, layer))?.tables ?? []] as const),
  )
  return Object.fromEntries(entries) as Record<Layer, string[]>
}

/** The Parquet file of `layer/table` in a run; not_found names the tables there are. */
export async function lakeTable(
  lake: Pick<Lake, 'listRuns' | 'currentRun' | 'localLayerDir'>,
  source: { run?: string; layer: Layer; table: string },
): Promise<LakeTable> {
  const run = await browsedRun(lake, source.run)
  const found = await layerTables(lake, run, source.layer)
  const name = `${source.layer}/${source.table}`
  if (!found) {
    throw new MedallionError(
      'not_found',
      `run ${run.runId} kept no ${source.layer} layer${run.status === 'succeeded' ? '' : ` (it ${run.status})`}`,
    )
  }
  if (!found.tables.includes(source.table)) {
    throw new MedallionError(
      'not_found',
      `no table ${name} in run ${run.runId}: its ${source.layer} tables are ${found.tables.join(', ') || 'none'}`,
    )
  }
  return {
    runId: run.runId,
    layer: source.layer,
    table: source.table,
    path: join(found.dir, `${source.table}.parquet`),
    label: `${name} of run ${run.runId}`,
  }
}
