/**
 * A big run's worker as a process of its own rather than a thread (pipelines/worker-parent.ts is its
 * other end). Its memory goes back to the system when it exits, where a thread's stays with the app or
 * the CLI (glibc keeps what it freed); and its allocator can be told, before it starts, to return large
 * blocks at once: glibc's arenas otherwise held 2.7 GB at 10M purchases for 1.9 GB live.
 * Node's fork here (CLI, serve); the window starts an Electron utility process instead (utility-child.ts).
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { LayerPlan } from '../../pipelines/run-layers.ts'
import { STREAM_FROM_BYTES } from '../../pipelines/source-size.ts'
import type { PlanWorker, StartPlanWorker } from './pipeline-worker.ts'

/**
 * Runs whose sources (both files together) are this big or bigger get a process of their own: bronze's
 * threshold for streaming a single file.
 */
export const OWN_PROCESS_FROM_BYTES = STREAM_FROM_BYTES

/**
 * glibc: blocks of 768 KB and more are mapped on their own and unmapped when freed. Measured at 10M
 * purchases, peak of the process tree: by default glibc keeps what it freed, 2.7 GB; at 128 KB 1.73 GB,
 * but a third of the run's CPU went to the kernel faulting in fresh pages; 768 KB keeps 1.78–1.84 GB with
 * a quarter less system time (the run: 13.0–14.5 s, against 15.3–15.9 s at 512 KB); 1 MB and up hold
 * 2.2 GB and more, past the 2 GB budget. Ignored by other C libraries.
 */
export const PLAN_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '786432' }

/** Starts `entry` in a Node child, the plan its first message (killed with SIGKILL: nothing to save). */
export function forkPlanProcess(env: Readonly<Record<string, string>>): StartPlanWorker {
  return (entry: string | URL, plan: LayerPlan): PlanWorker => {
    const child = fork(entry instanceof URL ? fileURLToPath(entry) : entry, [], {
      env: { ...process.env, ...env },
      // Not the parent's flags (a profiler, a test runner's loader): the entry is a built bundle.
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.send(plan)
    return {
      on: (event: 'message' | 'error' | 'exit', listener: (value: never) => void) =>
        child.on(event, listener as (value: unknown) => void),
      terminate: () => child.kill('SIGKILL'),
    } as PlanWorker
  }
}
