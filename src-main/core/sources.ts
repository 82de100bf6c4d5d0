/** Generates the seeded source files into the data folder (or another folder) as a task. */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { GenerateOptions, GenerateResult } from '../../pipelines/generate/generate.ts'
import { acquireDataLock } from './data-lock.ts'
import { isAlive } from './process-identity.ts'
import type { Task, TaskRegistry } from './tasks.ts'

export type GenerateRequest = Omit<GenerateOptions, 'outDir' | 'onProgress'> & { outDir?: string }

export class SourcesService {
  constructor(private readonly deps: { dataDir: string; tasks: TaskRegistry }) {}

  get defaultDir(): string {
    return join(this.deps.dataDir, 'sources')
  }

  generate(request: GenerateRequest): { task: Task; done: Promise<GenerateResult> } {
    return this.deps.tasks.run('generate', 'Generate source data', async (task) => {
      const lock = acquireDataLock(this.deps.dataDir, 'generating sources')
      try {
        const outDir = resolve(request.outDir ?? this.defaultDir)
        task.log(`writing clients.csv and achats.csv to ${outDir}`)
        // The generator (and Polars) load with the first generation, not with every command.
        const { generateSources, partialFileOwner } = await import('../../pipelines/generate/generate.ts')
        removeLeftovers(outDir, partialFileOwner)
        const result = await generateSources({
          ...request,
          outDir,
          onProgress: (fraction, step) => {
            task.signal.throwIfAborted()
            task.progress(fraction, step)
          },
        })
        task.log(`${result.clients} clients, ${result.purchases} purchases in ${result.ms.toFixed(0)} ms`)
        return result
      } finally {
        lock.release()
      }
    })
  }
}

/** Removes what a killed generate left in `dir`: partial files whose process is gone. */
function removeLeftovers(dir: string, ownerOf: (name: string) => number | undefined): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const owner = ownerOf(name)
    if (owner !== undefined && !isAlive(owner)) rmSync(join(dir, name), { force: true })
  }
}
