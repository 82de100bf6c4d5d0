/**
 * A service's log lines: tail, since, follow (ends when the signal aborts), a search filter, and export to
 * a file. Also the last lines of a container, quoted in errors when a service fails to come up.
 */

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import type { Engine } from './engine.ts'
import { LogDecoder, type LogLine } from './log-decoder.ts'
import { serviceContainer } from './project-resources.ts'

export type { LogLine } from './log-decoder.ts'

export interface LogOptions {
  /** Keep streaming new lines until `signal` aborts. */
  follow?: boolean
  /** Only the last N lines (before following). */
  tail?: number
  /** Only lines logged at or after this time. */
  since?: Date
  /** Keep only lines containing this text (case-insensitive). */
  search?: string
  signal?: AbortSignal
}

/** The lines of one service's container, in order; stdout and stderr are told apart. */
export async function* logs(
  engine: Engine,
  project: string,
  service: string,
  options: LogOptions = {},
): AsyncGenerator<LogLine> {
  const container = await serviceContainer(engine.docker, project, service)
  if (!container) {
    throw new MedallionError(
      'service_not_found',
      `Service "${service}" of project "${project}" has no container: start the stack first.`,
    )
  }
  const needle = options.search?.toLowerCase()
  const sinceMs = options.since?.getTime()
  for await (const line of containerLogLines(engine.docker, container.Id, options)) {
    // Lines already read when the caller aborted are not handed out: abort means stop now.
    if (options.signal?.aborted) return
    // Podman reads `since` to the second only: the lines' own times make it exact.
    if (sinceMs !== undefined && line.time && timeMs(line.time) < sinceMs) continue
    if (needle === undefined || line.text.toLowerCase().includes(needle)) yield line
  }
}

/** Engine timestamps carry nanoseconds, which Date.parse does not take. */
function timeMs(time: string): number {
  return Date.parse(time.replace(/(\.\d{3})\d*/, '$1'))
}

/** Writes the lines `logs` yields to a file, one `<time> <stream> <text>` per line; returns the count. */
export async function exportLogs(
  engine: Engine,
  project: string,
  service: string,
  file: string,
  options: LogOptions = {},
): Promise<number> {
  const out = createWriteStream(file)
  let count = 0
  try {
    for await (const line of logs(engine, project, service, options)) {
      if (!out.write(`${line.time ?? '-'} ${line.stream} ${line.text}\n`)) await once(out, 'drain')
      count++
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return count
}

/** The container's last `count` lines as text, for error messages. Empty when they cannot be read. */
export async function lastLogLines(docker: Dockerode, containerId: string, count = 20): Promise<string[]> {
  const lines: string[] = []
  try {
    for await (const line of containerLogLines(docker, containerId, { tail: count })) lines.push(line.text)
  } catch {
    // The logs only decorate another error; that error matters more.
  }
  return lines
}

async function* containerLogLines(
  docker: Dockerode,
  containerId: string,
  options: Omit<LogOptions, 'search'>,
): AsyncGenerator<LogLine> {
  const { signal } = options
  const info = await docker.getContainer(containerId).inspect()
  const decoder = new LogDecoder({ tty: info.Config.Tty, timestamps: true })
  let stream: IncomingMessage
  try {
    stream = await openLogStream(docker, containerId, options)
  } catch (err) {
    if (signal?.aborted) return
    throw err
  }
  const stop = () => stream.destroy()
  signal?.addEventListener('abort', stop, { once: true })
  try {
    for await (const chunk of stream) yield* decoder.push(chunk as Buffer)
    yield* decoder.end()
  } catch (err) {
    // Following ends when the caller aborts: that is the normal way out, not a failure.
    if (!signal?.aborted) throw err
  } finally {
    signal?.removeEventListener('abort', stop)
    stream.destroy()
  }
}

/**
 * Always read as a stream (dockerode buffers non-follow logs and would parse a log that happens to be
 * valid JSON as JSON).
 */
function openLogStream(
  docker: Dockerode,
  containerId: string,
  options: Omit<LogOptions, 'search'>,
): Promise<IncomingMessage> {
  const query: Record<string, string | number | boolean> = {
    stdout: true,
    stderr: true,
    timestamps: true,
    follow: options.follow ?? false,
    tail: options.tail === undefined ? 'all' : Math.max(0, Math.floor(options.tail)),
  }
  if (options.since) query.since = Math.floor(options.since.getTime() / 1000)
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(containerId)}/logs?`,
        method: 'GET',
        options: query,
        isStream: true,
        ...(options.signal ? { abortSignal: options.signal } : {}),
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      },
      (err, result) => (err ? reject(err) : resolve(result as IncomingMessage)),
    )
  })
}
