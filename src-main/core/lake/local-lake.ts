/** The embedded default lake: plain folders under `<data>/lake`. */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Layer, RunRecord } from '../../../src-preload/contract.ts'
import { LAYERS } from '../../../src-preload/values.ts'
import { writeFileAtomic } from '../atomic-file.ts'
import { writeFailure } from '../system-error.ts'
import {
  currentOf,
  type Lake,
  lastCommitSeq,
  layerFolder,
  newestFirst,
  parseRunRecord,
  parseStagingMark,
  planPrune,
  runIdsIn,
  type StagingMark,
  stagingMarkName,
} from './lake.ts'

const RUNS_DIR = '_runs'

export class LocalLake implements Lake {
  constructor(readonly root: string) {}

  get location(): string {
    return this.root
  }

  async stageLayer(runId: string, layer: Layer): Promise<string> {
    const dir = join(this.root, layerFolder(layer, runId))
    try {
      await rm(dir, { recursive: true, force: true })
      await mkdir(dir, { recursive: true })
    } catch (err) {
      throw writeFailure(err, dir)
    }
    return dir
  }

  async persistStaged(): Promise<void> {}

  async discardStaged(runId: string, layers: readonly Layer[]): Promise<void> {
    for (const layer of layers)
      await rm(join(this.root, layerFolder(layer, runId)), { recursive: true, force: true })
  }

  async beginRun(runId: string): Promise<void> {
    const afterSeq = lastCommitSeq(await this.listRuns())
    const path = join(this.root, RUNS_DIR, stagingMarkName({ runId, afterSeq }))
    try {
      await mkdir(join(this.root, RUNS_DIR), { recursive: true })
      await writeFile(path, '')
    } catch (err) {
      throw writeFailure(err, path)
    }
  }

  async writeRunRecord(record: RunRecord): Promise<void> {
    const path = join(this.root, RUNS_DIR, `${record.runId}.json`)
    try {
      await mkdir(join(this.root, RUNS_DIR), { recursive: true })
      // A local file can be read half-written: the record appears whole or not at all.
      await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`)
    } catch (err) {
      throw writeFailure(err, path)
    }
    for (const mark of await this.stagingMarks()) {
      if (mark.runId === record.runId) await this.removeMark(mark)
    }
  }

  async listRuns(): Promise<RunRecord[]> {
    const names = await this.runsDirNames()
    const ids = runIdsIn(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)))
    const records: RunRecord[] = []
    for (const id of ids) {
      try {
        records.push(parseRunRecord(await readFile(join(this.root, RUNS_DIR, `${id}.json`), 'utf8')))
      } catch {
        // A record that cannot be read never counts as committed.
      }
    }
    return newestFirst(records)
  }

  private async runsDirNames(): Promise<string[]> {
    return readdir(join(this.root, RUNS_DIR)).catch(() => [])
  }

  private async stagingMarks(): Promise<StagingMark[]> {
    return (await this.runsDirNames()).flatMap((name) => parseStagingMark(name) ?? [])
  }

  private async removeMark(mark: StagingMark): Promise<void> {
    await rm(join(this.root, RUNS_DIR, stagingMarkName(mark)), { force: true })
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
    const plan = planPrune(await this.listRuns(), keep, await this.stagingMarks())
    for (const id of plan.removedRuns) await rm(join(this.root, RUNS_DIR, `${id}.json`), { force: true })
    const removedFolders: string[] = []
    for (const layer of LAYERS) {
      for (const runId of runIdsIn(await readdir(join(this.root, layer)).catch(() => []))) {
        if (!plan.isRemovable(layer, runId)) continue
        await rm(join(this.root, layerFolder(layer, runId)), { recursive: true, force: true })
        removedFolders.push(layerFolder(layer, runId))
      }
    }
    for (const mark of plan.removedMarks) await this.removeMark(mark)
    return { removedRuns: plan.removedRuns, removedFolders }
  }
}
