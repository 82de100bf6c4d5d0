/** The embedded default lake: plain folders under `<data>/lake`. */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Layer, RunRecord } from '../../../src-preload/contract.ts'
import { LAYERS } from '../../../src-preload/values.ts'
import { writeFileAtomic } from '../atomic-file.ts'
import { currentOf, type Lake, layerFolder, newestFirst, planPrune } from './lake.ts'

const RUNS_DIR = '_runs'

export class LocalLake implements Lake {
  constructor(readonly root: string) {}

  get location(): string {
    return this.root
  }

  async stageLayer(runId: string, layer: Layer): Promise<string> {
    const dir = join(this.root, layerFolder(layer, runId))
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    return dir
  }

  async persistStaged(): Promise<void> {}

  async discardStaged(runId: string, layers: readonly Layer[]): Promise<void> {
    for (const layer of layers)
      await rm(join(this.root, layerFolder(layer, runId)), { recursive: true, force: true })
  }

  async writeRunRecord(record: RunRecord): Promise<void> {
    await mkdir(join(this.root, RUNS_DIR), { recursive: true })
    // A local file can be read half-written: the record appears whole or not at all.
    await writeFileAtomic(
      join(this.root, RUNS_DIR, `${record.runId}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    )
  }

  async listRuns(): Promise<RunRecord[]> {
    let names: string[]
    try {
      names = await readdir(join(this.root, RUNS_DIR))
    } catch {
      return []
    }
    const ids = newestFirst(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)))
    const records: RunRecord[] = []
    for (const id of ids) {
      try {
        records.push(JSON.parse(await readFile(join(this.root, RUNS_DIR, `${id}.json`), 'utf8')) as RunRecord)
      } catch {
        // A record that cannot be read never counts as committed.
      }
    }
    return records
  }

  async currentRun(): Promise<RunRecord | undefined> {
    return currentOf(await this.listRuns())
  }

  describeFolder(folder: string): string {
    return join(this.root, folder)
  }

  async localLayerDir(folder: string): Promise<string> {
    const dir = join(this.root, folder)
    await stat(dir)
    return dir
  }

  async prune(keep: number): Promise<{ removedRuns: string[]; removedFolders: string[] }> {
    const plan = planPrune(await this.listRuns(), keep)
    for (const id of plan.removedRuns) await rm(join(this.root, RUNS_DIR, `${id}.json`), { force: true })
    const removedFolders: string[] = []
    for (const layer of LAYERS) {
      for (const runId of newestFirst(await readdir(join(this.root, layer)).catch(() => []))) {
        if (!plan.isRemovable(layer, runId)) continue
        await rm(join(this.root, layerFolder(layer, runId)), { recursive: true, force: true })
        removedFolders.push(layerFolder(layer, runId))
      }
    }
    return { removedRuns: plan.removedRuns, removedFolders }
  }
}
