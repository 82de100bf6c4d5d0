/**
 * Scripts the core starts in other processes or threads, from the source tree (TypeScript through tsx).
 * The CLI, web mode, the scripts and the tests pass them to the core; the window passes its built copies
 * instead, so the app bundle never points at a source file.
 */
import { join } from 'node:path'

/** The pipeline benchmark's child process. */
export const BENCH_CHILD_SOURCE = join(import.meta.dirname, '../core/bench/pipeline-child.ts')

/** The training worker thread (a small loader that registers tsx, then imports the worker). */
export const ML_WORKER_SOURCE = join(import.meta.dirname, '../../pipelines/ml/tsx-worker.mjs')

/** Both, as core options. */
export const SOURCE_SCRIPTS = { benchChildScript: BENCH_CHILD_SOURCE, mlWorkerEntry: ML_WORKER_SOURCE }
