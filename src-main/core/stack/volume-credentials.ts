/**
 * Which services' data volumes were made with the current credentials. The compose file labels each
 * credentialed volume with the credentials' id when the volume is created (by Medallion or by `docker
 * compose --env-file`), and a volume's labels never change afterwards: the label travels with the data,
 * is shared by every data folder, and goes when the volume goes. So a service's volume is
 *  - missing: it will be created with the credentials;
 *  - labelled with the current id: made with them;
 *  - unlabelled (or labelled empty): made before the stack had credentials; the service keeps running
 *    without them (MongoDB's users are only created on a fresh volume), with a warning;
 *  - labelled with another id: made with credentials this file no longer holds: refused, as the services
 *    would not let the app in.
 */
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import { isNotFound } from './engine-error.ts'
import { CREDENTIALS_ID, SERVICE_CREDENTIALS } from './stack-credentials.ts'
import type { StackPlan } from './stack-plan.ts'

/** The label the compose file sets on credentialed volumes (compose/docker-compose.yml). */
export const CREDENTIALS_LABEL = 'io.medallion.stack-credentials'

export interface VolumeCredentials {
  /** Services whose data volume predates the credentials: they run without them. */
  withoutAuth: string[]
  /** One line per such service, for the user. */
  warnings: string[]
}

export async function checkVolumeCredentials(
  docker: Dockerode,
  plan: StackPlan,
  credentialsId: string,
  credentialsFile: string,
): Promise<VolumeCredentials> {
  const result: VolumeCredentials = { withoutAuth: [], warnings: [] }
  for (const service of plan.services.filter((s) => s.name in SERVICE_CREDENTIALS)) {
    for (const mount of service.mounts.filter((m) => m.type === 'volume')) {
      const label = await volumeLabel(docker, mount.source)
      if (label === undefined || label === credentialsId) continue
      if (label === '') {
        result.withoutAuth.push(service.name)
        result.warnings.push(
          `${service.name} runs without authentication: its volume ${mount.source} was created before the stack had credentials. ` +
            `\`medallion reset --scope volumes\` deletes the stack's volumes (their data too) and turns authentication on.`,
        )
        break
      }
      throw new MedallionError(
        'stack_credentials_mismatch',
        `the volume ${mount.source} of ${service.name} was created with other credentials than ${credentialsFile} holds ` +
          `(${CREDENTIALS_ID} ${label}, the file has another): restore that file, or run \`medallion reset --scope volumes\` ` +
          `(it deletes the stack's volumes and their data) to start again with new credentials`,
      )
    }
  }
  return result
}

/** The volume's credentials label ('' when it has none), or undefined when there is no such volume. */
async function volumeLabel(docker: Dockerode, name: string): Promise<string | undefined> {
  try {
    const info = await docker.getVolume(name).inspect()
    return info.Labels?.[CREDENTIALS_LABEL] ?? ''
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}
