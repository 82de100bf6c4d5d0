/**
 * `down`, as `docker compose down`: the project's containers are stopped (newest first, so dependents stop
 * before what they depend on) and removed, then its networks; volumes are kept.
 */
import { DEFAULT_STOP_TIMEOUT_SECONDS, stopAndRemove } from './containers.ts'
import type { Engine } from './engine.ts'
import { engineReason, isNotFound } from './engine-error.ts'
import type { LogCallback, ProgressCallback } from './progress.ts'
import { projectContainers, projectNetworks } from './project-resources.ts'

export interface DownOptions {
  onProgress?: ProgressCallback
  onLog?: LogCallback
  signal?: AbortSignal
  stopTimeoutSeconds?: number
}

export interface DownResult {
  containersRemoved: string[]
  networksRemoved: string[]
}

export async function down(engine: Engine, project: string, options: DownOptions = {}): Promise<DownResult> {
  const containersRemoved = await removeProjectContainers(engine, project, options)
  const networksRemoved = await removeProjectNetworks(engine, project, options.onLog)
  options.onProgress?.(1, 'Stack is down')
  return { containersRemoved, networksRemoved }
}

/** Stops and removes every container of the project; returns their names. */
async function removeProjectContainers(
  engine: Engine,
  project: string,
  options: DownOptions = {},
): Promise<string[]> {
  const containers = (await projectContainers(engine.docker, project)).sort((a, b) => b.Created - a.Created)
  const removed: string[] = []
  for (const [index, container] of containers.entries()) {
    options.signal?.throwIfAborted()
    const name = containerName(container.Names)
    options.onProgress?.(index / Math.max(1, containers.length), `Stopping ${name}`)
    await stopAndRemove(
      engine.docker,
      container.Id,
      options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS,
    )
    options.onLog?.(`Removed ${name}`)
    removed.push(name)
  }
  return removed
}

/** Removes the project's networks; one still used by another project's container is kept and logged. */
async function removeProjectNetworks(
  engine: Engine,
  project: string,
  onLog?: LogCallback,
): Promise<string[]> {
  const removed: string[] = []
  for (const name of await projectNetworks(engine.docker, project)) {
    try {
      await engine.docker.getNetwork(name).remove()
      removed.push(name)
      onLog?.(`Removed network ${name}`)
    } catch (err) {
      if (!isNotFound(err)) onLog?.(`Kept network ${name}: ${engineReason(err)}`)
    }
  }
  return removed
}

/** The engine lists names with a leading slash. */
export function containerName(names: string[]): string {
  return (names[0] ?? '').replace(/^\//, '')
}
