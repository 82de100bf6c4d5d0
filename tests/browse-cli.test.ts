/**
 * `medallion show LAYER/TABLE` (issue 14), the real command in a child process: an aligned page of a
 * table, the same page as data.browse with --json, and exit 2 naming the tables there are on a bad name.
 */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunRecord } from '../src-preload/contract.ts'
import type { BrowsePage } from '../src-preload/contract-browse.ts'
import { jsonRows } from './helpers/browse-reference.ts'
import { runCli } from './helpers/cli.ts'
import { tempDir } from './helpers/temp-data.ts'

const dataDir = tempDir('medallion-show-')
let run: RunRecord

beforeAll(async () => {
  const generated = await runCli(['generate', '--clients', '150', '--dirty', '0.05', '--data-dir', dataDir])
  expect(generated.code, generated.stderr).toBe(0)
  const ran = await runCli(['run', '--max-reject-share', '0.5', '--data-dir', dataDir, '--json'])
  expect(ran.code, ran.stderr).toBe(0)
  run = JSON.parse(ran.stdout) as RunRecord
}, 120_000)

describe('medallion show', () => {
  it('--json: the page of silver/rejects sorted by row number, as Polars reads the file', async () => {
    const shown = await runCli([
      'show',
      'silver/rejects',
      '--sort',
      'row_number:desc',
      '--limit',
      '7',
      '--offset',
      '3',
      '--json',
      '--data-dir',
      dataDir,
    ])
    expect(shown.code, shown.stderr).toBe(0)
    const page = JSON.parse(shown.stdout) as BrowsePage
    const frame = pl
      .readParquet(join(dataDir, 'lake', run.layers.silver as string, 'rejects.parquet'))
      .sort('row_number', true, true, true)
    expect(page.runId).toBe(run.runId)
    expect(page.total).toBe(frame.height)
    expect(page.rows).toEqual(jsonRows(frame.slice(3, 7)))
  })

  it('prints an aligned table with a footer saying which rows of how many', async () => {
    const shown = await runCli(['show', 'gold/segment_summary', '--run', run.runId, '--data-dir', dataDir])
    expect(shown.code, shown.stderr).toBe(0)
    const lines = shown.stdout.trimEnd().split('\n')
    const frame = pl.readParquet(join(dataDir, 'lake', run.layers.gold as string, 'segment_summary.parquet'))
    expect(lines[0]?.split(/\s{2,}/)).toEqual(frame.columns)
    expect(lines[1]).toMatch(/^-+( {2}-+)+$/)
    // Every row's cells in the columns' places: a line as wide as the rule under the header, or less.
    expect(lines.length).toBe(frame.height + 3)
    for (const line of lines.slice(2, -1)) expect(line.length).toBeLessThanOrEqual(lines[1]?.length ?? 0)
    expect(lines.at(-1)).toBe(
      `gold/segment_summary of run ${run.runId}: rows 1–${frame.height} of ${frame.height}`,
    )
  })

  it('exits 2 on an unknown LAYER/TABLE, listing the tables of the run', async () => {
    const shown = await runCli(['show', 'silver/rejet', '--data-dir', dataDir])
    expect(shown.code).toBe(2)
    expect(shown.stderr).toMatch(/no table "silver\/rejet"/)
    expect(shown.stderr).toMatch(/silver\/rejects, gold\//)
    const bare = await runCli(['show', '--data-dir', dataDir])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toMatch(/show expects LAYER\/TABLE/)
    const badSort = await runCli(['show', 'silver/achats', '--sort', 'prix', '--data-dir', dataDir])
    expect(badSort.code).toBe(1)
    expect(badSort.stderr).toMatch(/no column "prix" in silver\/achats/)
  })
})
