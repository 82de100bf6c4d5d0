/**
 * Bronze streamed to its Parquet (issue 16): a CSV whose records each take one line and have the header's
 * field count goes straight from the file to its landing, never whole in memory, and lands exactly as the
 * in-memory read does (row numbers, lineage, text). A file with a line set aside or a quoted line break
 * is read in memory, where the scan's line numbers are applied, and nothing is left at the landing.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { readSource } from '../pipelines/bronze.ts'
import { SOURCES } from '../pipelines/run-layers.ts'
import { ACHATS, text } from './helpers/dialect-files.ts'
import { tempDir, writeSources } from './helpers/temp-data.ts'

const LINEAGE = { batchId: 'run-1', ingestedAtMicros: Date.UTC(2026, 0, 20) * 1000 }

describe('bronze landing', () => {
  const dir = tempDir()

  async function readBoth(name: string, achats: string) {
    const folder = writeSources(join(dir, name), { achats })
    const source = { path: join(folder, 'achats.csv'), ...SOURCES.achats, workDir: folder }
    const land = { path: join(folder, 'landed.parquet'), options: { compression: 'lz4' as const } }
    const inMemory = await readSource(source, 'achats', LINEAGE)
    const streamed = await readSource({ ...source, land }, 'achats', LINEAGE)
    return { inMemory, streamed, land }
  }

  it('streams a plain file to its landing, equal to the in-memory read', async () => {
    const { inMemory, streamed, land } = await readBoth('plain', text(ACHATS))
    expect(inMemory.landed).toBe(false)
    expect(streamed.landed).toBe(true)
    expect(streamed.rows).toBe(ACHATS.length - 1)
    expect(streamed.dialect).toEqual(inMemory.dialect)
    const landed = pl.readParquet(land.path)
    expect(landed.columns).toEqual(inMemory.frame.columns)
    expect(landed.frameEqual(inMemory.frame, true)).toBe(true)
    expect(landed.getColumn('_row_number').toArray().map(Number)).toEqual([2, 3, 4, 5, 6, 7])
  })

  it('reads in memory, with the physical line numbers, a file with a line set aside or a quoted break', async () => {
    const rows = text(ACHATS).split('\n')
    rows.splice(2, 0, '99,1,2025-01-01 00:00:00') // too few fields
    rows.splice(4, 1, '3,2,2025-01-22 18:45:10,1250.00,"Porta\nble"') // a record on two lines
    const { inMemory, streamed, land } = await readBoth('unusual', rows.join('\n'))
    expect(streamed.landed).toBe(false)
    expect(existsSync(land.path)).toBe(false)
    expect(streamed.malformed.getColumn('row_number').toArray().map(Number)).toEqual([3])
    expect(streamed.rows).toBe(ACHATS.length - 1)
    expect((streamed.frame as pl.DataFrame).frameEqual(inMemory.frame, true)).toBe(true)
    expect((streamed.frame as pl.DataFrame).getColumn('_row_number').toArray().map(Number)).toEqual([
      2, 4, 5, 7, 8, 9,
    ])
  })
})
