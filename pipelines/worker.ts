/**
 * The entry of a pipeline worker, a thread or a process of its own (worker-parent.ts): one run per worker,
 * so the memory Polars holds is returned when it ends. Talks to its parent only through messages; never
 * imports Electron.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { StepStats } from '../src-preload/contract.ts'
import type { ImportPreview } from '../src-preload/contract-import.ts'
import { type PartialRun, PipelineInputError } from './pipeline-error.ts'
import { type PreviewPlan, previewImport } from './preview.ts'
import { type LayerPlan, type LayerResult, runLayers } from './run-layers.ts'
import { workerParent } from './worker-parent.ts'

/** What a worker is given: a run's plan, or an import's preview (`{ preview }`). */
export type WorkerData = LayerPlan | { preview: PreviewPlan }

export type WorkerMessage =
  | { type: 'progress'; fraction: number; label: string }
  | { type: 'step'; stats: StepStats }
  | { type: 'done'; result: LayerResult }
  | { type: 'preview'; result: ImportPreview }
  | { type: 'error'; code: string; message: string; partial?: PartialRun }

const parent = workerParent<WorkerData, WorkerMessage>()

function post(message: WorkerMessage): void {
  parent.post(message)
}

/**
 * Polars keeps its data outside V8's heap and does not report its size, so V8 sees no pressure and dead
 * frames (gigabytes at 10M rows) wait for a collection that may not come. The run asks for one between
 * layers. A collection only queues the frames' native finalizers; they run when the event loop turns,
 * hence the yields.
 */
function garbageCollector(): () => Promise<void> {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
  return async () => {
    for (let i = 0; i < 2; i++) {
      gc()
      await turn()
    }
  }
}

try {
  const data = await parent.data()
  if ('preview' in data) post({ type: 'preview', result: await previewImport(data.preview) })
  else {
    const result = await runLayers(
      data,
      {
        progress: (fraction, label) => post({ type: 'progress', fraction, label }),
        step: (stats) => post({ type: 'step', stats }),
      },
      garbageCollector(),
    )
    post({ type: 'done', result })
  }
} catch (err) {
  const code = err instanceof PipelineInputError ? err.code : 'pipeline_failed'
  const partial = err instanceof PipelineInputError ? err.partial : undefined
  post({
    type: 'error',
    code,
    message: err instanceof Error ? err.message : String(err),
    ...(partial ? { partial } : {}),
  })
}
