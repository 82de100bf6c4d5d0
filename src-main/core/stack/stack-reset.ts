/**
 * Reset by scope. Scopes nest — `containers` ⊂ `volumes` ⊂ `data` — and run as steps in that order:
 *  - containers: the project's containers and networks (what `down` removes),
 *  - volumes: the project's volumes (found by the Compose project label, so external volumes are never
 *    touched),
 *  - data: the local folders and files the caller names (the local lake, the run history).
 * The preview lists exactly what each step deletes; reset deletes exactly the preview's items, nothing else.
 */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { MedallionError } from '../errors.ts'
import { DEFAULT_STOP_TIMEOUT_SECONDS, stopAndRemove } from './containers.ts'
import type { Engine } from './engine.ts'
import { engineReason, isNotFound } from './engine-error.ts'
import type { ProgressCallback } from './progress.ts'
import { projectContainers, projectNetworks, projectVolumes } from './project-resources.ts'
import { containerName } from './stack-down.ts'

export type ResetScope = 'containers' | 'volumes' | 'data'
export const RESET_SCOPES: readonly ResetScope[] = ['containers', 'volumes', 'data']

export interface ResetItem {
  kind: 'container' | 'network' | 'volume' | 'path'
  name: string
}

export interface ResetStep {
  scope: ResetScope
  items: ResetItem[]
}

export interface ResetStepReport extends ResetStep {
  deleted: ResetItem[]
  failed: { item: ResetItem; reason: string }[]
}

export interface ResetOptions {
  onProgress?: ProgressCallback
  signal?: AbortSignal
  stopTimeoutSeconds?: number
}

/**
 * What a reset up to `scope` would delete, step by step. `dataPaths` are the absolute local paths the data
 * step deletes (only those that exist are listed). Without an engine the engine steps list nothing.
 */
export async function previewReset(
  engine: Engine | undefined,
  project: string,
  scope: ResetScope,
  dataPaths: string[] = [],
): Promise<ResetStep[]> {
  const steps: ResetStep[] = []
  const containers = engine ? await projectContainers(engine.docker, project) : []
  const networks = engine ? await projectNetworks(engine.docker, project) : []
  steps.push({
    scope: 'containers',
    items: [
      ...containers.map((c): ResetItem => ({ kind: 'container', name: containerName(c.Names) })),
      ...networks.map((name): ResetItem => ({ kind: 'network', name })),
    ],
  })
  if (scope === 'containers') return steps
  const volumes = engine ? await projectVolumes(engine.docker, project) : []
  steps.push({ scope: 'volumes', items: volumes.map((name) => ({ kind: 'volume', name })) })
  if (scope === 'volumes') return steps
  for (const path of dataPaths) assertDeletablePath(path)
  steps.push({
    scope: 'data',
    items: dataPaths.filter((p) => existsSync(p)).map((p) => ({ kind: 'path', name: resolve(p) })),
  })
  return steps
}

/** Runs the preview's steps in order; each item's failure is reported, not thrown, so the report is whole. */
export async function reset(
  engine: Engine | undefined,
  project: string,
  scope: ResetScope,
  dataPaths: string[] = [],
  options: ResetOptions = {},
): Promise<ResetStepReport[]> {
  const steps = await previewReset(engine, project, scope, dataPaths)
  const total = Math.max(
    1,
    steps.reduce((n, s) => n + s.items.length, 0),
  )
  let done = 0
  const reports: ResetStepReport[] = []
  for (const step of steps) {
    const report: ResetStepReport = { ...step, deleted: [], failed: [] }
    for (const item of step.items) {
      options.signal?.throwIfAborted()
      options.onProgress?.(done / total, `Deleting ${item.kind} ${item.name}`)
      try {
        await deleteItem(engine, item, options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS)
        report.deleted.push(item)
      } catch (err) {
        report.failed.push({ item, reason: err instanceof MedallionError ? err.message : engineReason(err) })
      }
      done++
    }
    reports.push(report)
  }
  options.onProgress?.(1, 'Reset done')
  return reports
}

async function deleteItem(
  engine: Engine | undefined,
  item: ResetItem,
  stopTimeoutSeconds: number,
): Promise<void> {
  if (item.kind === 'path') return rm(item.name, { recursive: true, force: true })
  if (!engine) return
  try {
    if (item.kind === 'container') return await stopAndRemove(engine.docker, item.name, stopTimeoutSeconds)
    if (item.kind === 'network') return await engine.docker.getNetwork(item.name).remove()
    return await engine.docker.getVolume(item.name).remove()
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}

/** A data path must be absolute and must not be a filesystem root, the home folder or one of its parents. */
function assertDeletablePath(path: string): void {
  const absolute = resolve(path)
  const home = homedir()
  const containsHome = !relative(absolute, home).startsWith('..') && !isAbsolute(relative(absolute, home))
  if (!isAbsolute(path) || dirname(absolute) === absolute || containsHome) {
    throw new MedallionError(
      'unsafe_reset_path',
      `Refusing to delete ${path}: not a data folder of this app.`,
    )
  }
}
