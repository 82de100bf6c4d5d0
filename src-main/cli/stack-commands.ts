/** `medallion up | down | reset | status | logs`: the stack from the terminal, through the same core. */
import type { ResetScope } from '../../src-preload/contract.ts'
import { RESET_SCOPES } from '../../src-preload/values.ts'
import type { Core } from '../core/app-core.ts'
import { exportLogs, logs } from '../core/stack/stack-logs.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import type { Values } from './options.ts'
import { linkLines, resetPreview, statusTable } from './stack-format.ts'

export async function upCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const outcome = await io.follow(
    core.stack.up({ profiles: values.profile ?? [], pipeline: !values['skip-pipeline'] }),
  )
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
  for (const warning of outcome.warnings) io.stderr.write(`medallion: warning: ${warning}\n`)
  return 0
}

export async function downCommand(core: Core, _values: Values, io: CommandIo): Promise<number> {
  const result = await io.follow(core.stack.down())
  io.print(
    result,
    `removed ${result.containersRemoved.length} containers and ${result.networksRemoved.length} networks; volumes kept (reset --scope volumes deletes them)`,
  )
  return 0
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
export async function resetCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const scope = scopeOption(values.scope)
  const preview = await core.stack.previewReset(scope)
  if (!values.yes) {
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

export async function statusCommand(core: Core, _values: Values, io: CommandIo): Promise<number> {
  const status = await core.stack.status()
  io.print(status, statusTable(status))
  return 0
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

/** `logs SERVICE`, until Ctrl+C when following. */
export async function logsCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  const service = positionals[1]
  if (!service) throw new UsageError('logs needs a service, e.g. medallion logs mongo')
  const since = sinceOption(values.since)
  const tail = numberFlag('tail', values.tail)
  const [engine, plan] = await Promise.all([core.stack.engine(), core.stack.plan()])
  const stop = new AbortController()
  const interrupt = () => stop.abort()
  process.once('SIGINT', interrupt)
  const options = {
    follow: values.follow,
    ...(tail !== undefined ? { tail } : {}),
    ...(since ? { since } : {}),
    ...(values.search ? { search: values.search } : {}),
    signal: stop.signal,
  }
  try {
    if (values.export) {
      const count = await exportLogs(engine, plan.project, service, values.export, options)
      io.print({ file: values.export, lines: count }, `wrote ${count} lines to ${values.export}`)
      return 0
    }
    for await (const line of logs(engine, plan.project, service, options)) {
      const target = line.stream === 'stderr' ? io.stderr : io.stdout
      target.write(`${line.time ? `${line.time} ` : ''}${line.text}\n`)
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err
  } finally {
    process.off('SIGINT', interrupt)
  }
  return 0
}
