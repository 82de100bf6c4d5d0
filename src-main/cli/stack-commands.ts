/** `medallion up | down | reset | status | logs`: the stack from the terminal, through the same core. */
import type { ResetScope } from '../../src-preload/contract.ts'
import { RESET_SCOPES } from '../../src-preload/values.ts'
import type { Core } from '../core/app-core.ts'
import { exportLogs, logs } from '../core/stack/stack-logs.ts'
import { type CommandIo, UsageError } from './command-io.ts'
import { linkLines, resetPreview, statusTable } from './stack-format.ts'

export async function stackUp(core: Core, io: CommandIo, opts: { profiles: string[]; pipeline: boolean }) {
  const outcome = await io.follow(core.stack.up(opts))
  const lines = [
    'the stack is up:',
    ...outcome.services.map((s) => `  ${s.name.padEnd(16)} ${s.action}`),
    ...(typeof outcome.runId === 'string' ? [`pipeline run ${outcome.runId} on MinIO`] : []),
    ...(typeof outcome.publishedDocuments === 'number'
      ? [`published ${outcome.publishedDocuments} documents to MongoDB`]
      : []),
    '',
    ...linkLines(outcome.links),
    '  read API         medallion serve (http://127.0.0.1:5000)',
  ]
  io.print(outcome, lines.join('\n'))
}

export async function stackDown(core: Core, io: CommandIo) {
  const result = await io.follow(core.stack.down())
  io.print(
    result,
    `removed ${result.containersRemoved.length} containers and ${result.networksRemoved.length} networks; volumes kept (reset --scope volumes deletes them)`,
  )
}

function scopeOption(raw: string | undefined): ResetScope {
  if (raw === undefined)
    throw new UsageError(
      `reset needs --scope: one of ${RESET_SCOPES.join(', ')} (each includes the ones before)`,
    )
  if (!(RESET_SCOPES as readonly string[]).includes(raw))
    throw new UsageError(`--scope must be one of ${RESET_SCOPES.join(', ')}, got "${raw}"`)
  return raw as ResetScope
}

/** Without --yes, shows what would be deleted and deletes nothing (exit code 1). */
export async function stackReset(core: Core, io: CommandIo, opts: { scope?: string; yes: boolean }) {
  const scope = scopeOption(opts.scope)
  const preview = await core.stack.previewReset(scope)
  if (!opts.yes) {
    io.print(
      { scope, preview, deleted: false },
      `reset --scope ${scope} would delete:\n${resetPreview(preview)}\n\nnothing was deleted: run again with --yes to delete these`,
    )
    return 1
  }
  io.stderr.write(`deleting:\n${resetPreview(preview)}\n`)
  const deleted = await io.follow(core.stack.reset(scope))
  io.print({ scope, deleted }, `reset --scope ${scope} done:\n${resetPreview(deleted)}`)
  return 0
}

export async function stackStatus(core: Core, io: CommandIo) {
  const status = await core.stack.status()
  io.print(status, statusTable(status))
}

export interface LogsOptions {
  service?: string
  follow: boolean
  tail?: number
  since?: string
  search?: string
  exportFile?: string
  signal: AbortSignal
}

function sinceOption(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined
  // "10m", "2h", "30s" back from now, or an ISO time.
  const relative = /^(\d+)([smhd])$/.exec(raw)
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[relative[2] as 's' | 'm' | 'h' | 'd']
    return new Date(Date.now() - Number(relative[1]) * unit * 1000)
  }
  const time = new Date(raw)
  if (Number.isNaN(time.getTime()))
    throw new UsageError(`--since expects 30s, 10m, 2h, 1d or an ISO time, got "${raw}"`)
  return time
}

export async function stackLogs(core: Core, io: CommandIo, opts: LogsOptions) {
  if (!opts.service) throw new UsageError('logs needs a service, e.g. medallion logs mongo')
  const since = sinceOption(opts.since)
  const [engine, plan] = await Promise.all([core.stack.engine(), core.stack.plan()])
  const options = {
    follow: opts.follow,
    ...(opts.tail !== undefined ? { tail: opts.tail } : {}),
    ...(since ? { since } : {}),
    ...(opts.search ? { search: opts.search } : {}),
    signal: opts.signal,
  }
  if (opts.exportFile) {
    const count = await exportLogs(engine, plan.project, opts.service, opts.exportFile, options)
    io.print({ file: opts.exportFile, lines: count }, `wrote ${count} lines to ${opts.exportFile}`)
    return
  }
  try {
    for await (const line of logs(engine, plan.project, opts.service, options)) {
      const target = line.stream === 'stderr' ? io.stderr : io.stdout
      target.write(`${line.time ? `${line.time} ` : ''}${line.text}\n`)
    }
  } catch (err) {
    if (!opts.signal.aborted) throw err
  }
}
