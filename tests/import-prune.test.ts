/**
 * Imports go with the run history: after a commit, an import folder no kept run read from is removed once
 * it is older than an hour (a younger one may be the one being previewed or just uploaded); the folder a
 * kept run used stays. Real runs on a real core, the folders' ages set on disk.
 */
import { copyFileSync, existsSync, mkdirSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newImportId } from '../src-main/core/import/import-folders.ts'
import { importsDir } from '../src-main/core/input-roots.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

describe('imports pruned with the run history', () => {
  const dataDir = tempDir('medallion-import-prune-')
  const core = testCore(dataDir, 1)

  /** An import holding a copy of the generated sources, last changed `ageMs` ago. */
  const anImport = (ageMs: number): string => {
    const folder = join(importsDir(dataDir), newImportId())
    mkdirSync(folder, { recursive: true })
    for (const name of ['clients.csv', 'achats.csv'])
      copyFileSync(join(dataDir, 'sources', name), join(folder, name))
    const at = new Date(Date.now() - ageMs)
    utimesSync(folder, at, at)
    return folder
  }

  it('removes the imports no kept run uses once older than an hour, keeping the used and the young', async () => {
    await core.sources.generate({ clients: 40, seed: 3, dirtyShare: 0 }).done
    const twoHours = 2 * 60 * 60 * 1000
    const used = anImport(twoHours)
    const unused = anImport(twoHours)
    const young = anImport(60 * 1000)

    await core.pipeline.start({ from: 'bronze', inputDir: used }).done
    expect(existsSync(used)).toBe(true)
    expect(existsSync(unused)).toBe(false)
    expect(existsSync(young)).toBe(true)

    // The history keeps one run: the next run prunes the one that used the import, and the import with it.
    await core.pipeline.start({ from: 'bronze' }).done
    expect(existsSync(used)).toBe(false)
    expect(existsSync(young)).toBe(true)
  }, 120_000)
})
