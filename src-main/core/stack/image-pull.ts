/**
 * Makes sure every image the plan needs is on the engine: the missing ones are pulled one at a time with
 * per-layer progress. A pull that fails names the services that need the image.
 */
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import { engineReason, isNotFound } from './engine-error.ts'
import type { ProgressCallback } from './progress.ts'
import { type PullEvent, PullProgress } from './pull-progress.ts'
import type { StackPlan } from './stack-plan.ts'

/** Pulls the plan's missing images; returns the ones pulled. */
export async function ensureImages(
  docker: Dockerode,
  plan: StackPlan,
  options: { onProgress?: ProgressCallback; signal?: AbortSignal } = {},
): Promise<string[]> {
  const missing: { image: string; services: string[] }[] = []
  for (const [image, services] of servicesByImage(plan)) {
    options.signal?.throwIfAborted()
    if (!(await imageExists(docker, image))) missing.push({ image, services })
  }
  for (const [index, { image, services }] of missing.entries()) {
    const report = (fraction: number, detail: string) =>
      options.onProgress?.((index + fraction) / missing.length, `Pulling ${image}: ${detail}`)
    try {
      await pullImage(docker, image, report, options.signal)
    } catch (err) {
      options.signal?.throwIfAborted()
      const who = services.map((s) => `"${s}"`).join(', ')
      throw new MedallionError(
        'image_unavailable',
        `Service ${who} needs image "${image}", which is not on this engine and could not be pulled: ${engineReason(err)}`,
      )
    }
  }
  return missing.map((m) => m.image)
}

function servicesByImage(plan: StackPlan): Map<string, string[]> {
  const byImage = new Map<string, string[]>()
  for (const service of plan.services)
    byImage.set(service.image, [...(byImage.get(service.image) ?? []), service.name])
  return byImage
}

async function imageExists(docker: Dockerode, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect()
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}

/**
 * One pull. The engine answers 200 and reports a failure inside the stream (`error` / `errorDetail`), which
 * followProgress does not treat as an error, so the events are checked here.
 */
async function pullImage(
  docker: Dockerode,
  image: string,
  report: (fraction: number, detail: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const stream = await docker.pull(image, signal ? { abortSignal: signal } : {})
  const progress = new PullProgress()
  let failure: string | undefined
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err) => (err ? reject(err) : resolve()),
      (event: PullEvent) => {
        if (event.error || event.errorDetail?.message) failure = event.errorDetail?.message ?? event.error
        progress.update(event)
        report(progress.fraction, progress.describe())
      },
    )
  })
  if (failure) throw new Error(failure)
  report(1, 'done')
}
