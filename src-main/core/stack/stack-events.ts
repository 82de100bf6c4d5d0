/**
 * The engine's container events for one project (created, started, died, health changes, …), normalized
 * across Docker and Podman, until the signal aborts. When the stream drops (engine restarted, socket
 * gone) it reconnects with exponential backoff and asks for the events it missed since the last one seen.
 */
import { delay } from './delay.ts'
import type { Engine } from './engine.ts'
import { engineReason } from './engine-error.ts'
import { LABEL_PROJECT, LABEL_SERVICE } from './stack-plan.ts'

export interface StackEvent {
  /** The compose service, when the container has the label. */
  service?: string
  container: string
  containerId: string
  /** Base action: `create`, `start`, `die`, `stop`, `destroy`, `health_status`, … */
  action: string
  /** What followed the action's colon, e.g. `healthy` for `health_status: healthy`. */
  detail?: string
  time: Date
}

export interface WatchEventsOptions {
  /** Told when the stream connects (true) and when it drops (false, with why). */
  onConnection?: (connected: boolean, reason?: string) => void
  minBackoffMs?: number
  maxBackoffMs?: number
}

interface EngineEvent {
  Type?: string
  Action?: string
  status?: string
  id?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  time?: number
  timeNano?: number
}

/** Podman's names for actions Docker names otherwise. */
const DOCKER_ACTION: Record<string, string> = { died: 'die', remove: 'destroy' }

/** Resolves when `signal` aborts; never rejects because of the engine. */
export async function watchEvents(
  engine: Engine,
  project: string,
  onChange: (event: StackEvent) => void,
  signal: AbortSignal,
  options: WatchEventsOptions = {},
): Promise<void> {
  const minBackoff = options.minBackoffMs ?? 500
  const maxBackoff = options.maxBackoffMs ?? 15_000
  let backoff = minBackoff
  let lastSeconds: number | undefined
  /** Events of the last second seen, so the replay after a reconnect does not repeat them. */
  let seenInLastSecond = new Set<string>()
  while (!signal.aborted) {
    let reason = 'the engine closed the event stream'
    try {
      const stream = await engine.docker.getEvents({
        filters: { type: ['container'], label: [`${LABEL_PROJECT}=${project}`] },
        ...(lastSeconds !== undefined ? { since: lastSeconds } : {}),
        abortSignal: signal,
      })
      backoff = minBackoff
      options.onConnection?.(true)
      for await (const raw of lines(stream)) {
        const event = normalize(raw)
        if (!event || raw.Actor?.Attributes?.[LABEL_PROJECT] !== project) continue
        const seconds = Math.floor(event.time.getTime() / 1000)
        const key = `${raw.timeNano ?? raw.time} ${event.containerId} ${raw.Action ?? raw.status}`
        if (seconds !== lastSeconds) seenInLastSecond = new Set()
        if (seenInLastSecond.has(key)) continue
        seenInLastSecond.add(key)
        lastSeconds = seconds
        onChange(event)
      }
    } catch (err) {
      if (signal.aborted) return
      reason = engineReason(err)
    }
    if (signal.aborted) return
    options.onConnection?.(false, reason)
    try {
      await delay(backoff, signal)
    } catch {
      return
    }
    backoff = Math.min(maxBackoff, backoff * 2)
  }
}

/** One JSON event per line; a chunk may hold several lines or part of one. */
async function* lines(stream: NodeJS.ReadableStream): AsyncGenerator<EngineEvent> {
  let buffered = ''
  for await (const chunk of stream) {
    buffered += chunk.toString()
    let newline = buffered.indexOf('\n')
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim()
      buffered = buffered.slice(newline + 1)
      if (line) yield JSON.parse(line) as EngineEvent
      newline = buffered.indexOf('\n')
    }
  }
}

/**
 * Docker ≥ 1.22 sends `Action`/`Actor`, Podman's compat layer also the older `status`/`id`; actions are
 * given Docker's names.
 */
function normalize(raw: EngineEvent): StackEvent | undefined {
  if (raw.Type && raw.Type !== 'container') return undefined
  const fullAction = raw.Action ?? raw.status
  const containerId = raw.Actor?.ID ?? raw.id
  if (!fullAction || !containerId) return undefined
  const colon = fullAction.indexOf(':')
  const action = colon >= 0 ? fullAction.slice(0, colon) : fullAction
  const attributes = raw.Actor?.Attributes ?? {}
  const service = attributes[LABEL_SERVICE]
  const detail = colon >= 0 ? fullAction.slice(colon + 1).trim() : undefined
  return {
    ...(service ? { service } : {}),
    container: attributes.name ?? containerId,
    containerId,
    action: DOCKER_ACTION[action] ?? action,
    ...(detail ? { detail } : {}),
    time: new Date(raw.timeNano ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000),
  }
}
