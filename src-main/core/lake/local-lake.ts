/** The embedded default lake: plain folders under `<data>/lake`. */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LAYERS, type Layer, type RunRecord } from '../../../src-preload/contract.ts'
import { isRunId, type Lake, layerFolder } from './lake.ts'

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
    const dir = join(this.root, RUNS_DIR)
    await mkdir(dir, { recursive: true })
    // A local file can be read half-written, so write aside and rename: the record appears whole or not at all.
    const target = join(dir, `${record.runId}.json`)
    const temp = `${target}.${process.pid}.tmp`
    await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`)
    await rename(temp, target)
  }

  async listRuns(): Promise<RunRecord[]> {
    let names: string[]
    try {
      names = await readdir(join(this.root, RUNS_DIR))
    } catch {
      return []
    }
    const ids = names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isRunId)
      .sort()
      .reverse()
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
    return (await this.listRuns()).find((r) => r.status === 'succeeded')
  }

  async localLayerDir(folder: string): Promise<string> {
    const dir = join(this.root, folder)
    await stat(dir)
    return dir
  }

  async prune(keep: number): Promise<{ removedRuns: string[]; removedFolders: string[] }> {
    const runs = await this.listRuns()
    const current = runs.find((r) => r.status === 'succeeded')
    const kept = runs.slice(0, keep)
    // The current run is never pruned, however many failed runs came after it.
    if (current && !kept.includes(current)) kept.push(current)
    const removedRuns = runs.filter((r) => !kept.includes(r)).map((r) => r.runId)
    for (const id of removedRuns) await rm(join(this.root, RUNS_DIR, `${id}.json`), { force: true })

    const inUse = new Set(kept.flatMap((r) => Object.values(r.layers)))
    const removedFolders: string[] = []
    for (const layer of LAYERS) {
      let entries: string[]
      try {
        entries = await readdir(join(this.root, layer))
      } catch {
        continue
      }
      for (const runId of entries.filter(isRunId)) {
        const folder = layerFolder(layer, runId)
        // A folder of a run still in progress has no record yet: leave folders newer than the newest record.
        const newest = runs[0]?.runId ?? ''
        if (inUse.has(folder) || runId > newest) continue
        await rm(join(this.root, folder), { recursive: true, force: true })
        removedFolders.push(folder)
      }
    }
    return { removedRuns, removedFolders }
  }
}
