/**
 * Waiting until a started service meets a `depends_on` condition: started, healthy, or exited with code 0.
 * A service that exits, turns unhealthy or runs out of time fails the wait with its last log lines.
 *
 * Podman schedules healthchecks with systemd timers; where there is no systemd (containers, WSL, CI) they
 * never run and the status stays `starting`. So on Podman the wait runs the check itself through libpod's
 * healthcheck endpoint, which applies the same interval, retries and start period rules.
 */
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import { delay } from './delay.ts'
import type { Engine } from './engine.ts'
import { lastLogLines } from './stack-logs.ts'
import type { DependencyCondition, ServicePlan } from './stack-plan.ts'

export interface ReadinessOptions {
  timeoutMs: number
  signal?: AbortSignal
}

/** How often the container is inspected while waiting (at most). */
const POLL_MS = 500
const MIN_HEALTHCHECK_RUN_MS = 250

const WHAT_WE_WAIT_FOR: Record<DependencyCondition, string> = {
  service_started: 'running',
  service_healthy: 'healthy',
  service_completed_successfully: 'finished successfully',
}

export async function waitForCondition(
  engine: Engine,
  service: ServicePlan,
  containerId: string,
  condition: DependencyCondition,
  options: ReadinessOptions,
): Promise<void> {
  if (condition === 'service_healthy' && !service.healthcheck) {
    throw new MedallionError(
      'no_healthcheck',
      `Another service waits for "${service.name}" to be healthy, but "${service.name}" has no healthcheck in the compose file.`,
    )
  }
  const container = engine.docker.getContainer(containerId)
  const deadline = Date.now() + options.timeoutMs
  const checkEveryMs = Math.max(MIN_HEALTHCHECK_RUN_MS, service.healthcheck?.intervalMs ?? POLL_MS)
  let nextCheckAt = 0
  for (;;) {
    options.signal?.throwIfAborted()
    if (condition === 'service_healthy' && engine.kind === 'podman' && Date.now() >= nextCheckAt) {
      await runPodmanHealthcheck(engine, containerId)
      nextCheckAt = Date.now() + checkEveryMs
    }
    const state = (await container.inspect()).State
    const outcome = judge(condition, state)
    if (outcome === 'met') return
    if (outcome !== 'waiting') throw await failure(engine, service, containerId, ...explain(outcome, state))
    if (Date.now() >= deadline) {
      const seconds = Math.round(options.timeoutMs / 100) / 10
      const health = state.Health ? `, health: ${state.Health.Status}` : ''
      const what = `was not ${WHAT_WE_WAIT_FOR[condition]} after ${seconds} s (state: ${state.Status}${health}${describeLastCheck(state)})`
      throw await failure(engine, service, containerId, 'service_timeout', what)
    }
    await delay(Math.min(POLL_MS, checkEveryMs, Math.max(0, deadline - Date.now())), options.signal)
  }
}

type Outcome = 'met' | 'waiting' | 'exited' | 'failed_exit' | 'unhealthy'

function judge(condition: DependencyCondition, state: Dockerode.ContainerInspectInfo['State']): Outcome {
  const stopped = !state.Running && !state.Restarting && state.Status !== 'created'
  switch (condition) {
    case 'service_started':
      return state.Status === 'created' ? 'waiting' : 'met'
    case 'service_completed_successfully':
      if (!stopped) return 'waiting'
      return state.ExitCode === 0 ? 'met' : 'failed_exit'
    case 'service_healthy':
      if (stopped) return 'exited'
      if (state.Health?.Status === 'healthy') return 'met'
      return state.Health?.Status === 'unhealthy' ? 'unhealthy' : 'waiting'
  }
}

/** The error code and what happened, for an outcome that ends the wait. */
function explain(
  outcome: Exclude<Outcome, 'met' | 'waiting'>,
  state: Dockerode.ContainerInspectInfo['State'],
): [code: string, what: string] {
  if (outcome === 'unhealthy') return ['service_unhealthy', `is unhealthy${describeLastCheck(state)}`]
  const beforeHealthy = outcome === 'exited' ? ' before it was healthy' : ''
  return ['service_exited', `exited with code ${state.ExitCode}${beforeHealthy}`]
}

/** The error names the service and its container and quotes its last log lines. */
async function failure(
  engine: Engine,
  service: ServicePlan,
  containerId: string,
  code: string,
  what: string,
): Promise<MedallionError> {
  const lines = await lastLogLines(engine.docker, containerId)
  const logs =
    lines.length > 0
      ? `\nIts last log lines:\n${lines.map((l) => `  ${l}`).join('\n')}`
      : '\nIt logged nothing.'
  return new MedallionError(
    code,
    `Service "${service.name}" (container ${service.containerName}) ${what}.${logs}`,
  )
}

function describeLastCheck(state: Dockerode.ContainerInspectInfo['State']): string {
  const log = state.Health?.Log
  const last = log?.[log.length - 1]
  if (!last) return ''
  const output = last.Output.trim().split('\n').slice(-3).join(' / ')
  return `; last check exited ${last.ExitCode}${output ? `: ${output}` : ''}`
}

/**
 * Runs the container's healthcheck once on Podman; the result lands in the inspected state. A check that
 * cannot finish (Podman answers 500 when it overruns its timeout, as on a loaded machine) is one failed
 * check, as the engine counts it against the retries: the wait goes on until the state or the deadline says.
 */
function runPodmanHealthcheck(engine: Engine, containerId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    engine.docker.modem.dial(
      {
        // libpod routes need a version prefix; the engine's own version is always accepted.
        path: `/v${engine.version}/libpod/containers/${encodeURIComponent(containerId)}/healthcheck`,
        method: 'GET',
        // 409: the container is not running (any more); the inspect that follows reports that.
        statusCodes: { 200: true, 409: true, 500: true, 404: 'no such container' },
      },
      (err) => (err ? reject(err) : resolve()),
    )
  })
}
