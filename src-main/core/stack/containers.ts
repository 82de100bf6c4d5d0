/** Container look-up and removal shared by up (recreate), down and reset. */
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import { engineReason, engineStatusCode, isNotFound } from './engine-error.ts'

/** Compose's default grace period before a stopping container is killed. */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 10

/** The container's inspect data, or undefined when there is no such container. */
export async function inspectContainer(
  docker: Dockerode,
  nameOrId: string,
): Promise<Dockerode.ContainerInspectInfo | undefined> {
  try {
    return await docker.getContainer(nameOrId).inspect()
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

/**
 * Stops the container gracefully (SIGTERM, then SIGKILL after the timeout) and removes it. Anonymous volumes
 * are kept, as `docker compose down` keeps them: deleting volumes belongs to a reset's volume scope.
 */
export async function stopAndRemove(
  docker: Dockerode,
  nameOrId: string,
  stopTimeoutSeconds = DEFAULT_STOP_TIMEOUT_SECONDS,
): Promise<void> {
  const container = docker.getContainer(nameOrId)
  try {
    await container.stop({ t: stopTimeoutSeconds })
  } catch (err) {
    // 304: already stopped; 404: already gone.
    const status = engineStatusCode(err)
    if (status !== 304 && status !== 404) throw removalError(nameOrId, 'stop', err)
  }
  try {
    await container.remove({ force: true })
  } catch (err) {
    if (!isNotFound(err)) throw removalError(nameOrId, 'remove', err)
  }
}

function removalError(name: string, action: string, err: unknown): MedallionError {
  return new MedallionError(
    'container_remove_failed',
    `Could not ${action} container ${name}: ${engineReason(err)}`,
  )
}
