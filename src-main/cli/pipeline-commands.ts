/** `medallion generate | run | demo | runs | publish`: sources, runs and their history, through the core. */

import type { Layer } from '../../src-preload/contract.ts'
import { LAYERS, WRITTEN_DIALECTS, type WrittenDialect } from '../../src-preload/values.ts'
import type { Core } from '../core/app-core.ts'
import { startSample } from '../core/sample-data.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import { dialectFlags, rejectShareFlag } from './dialect-flags.ts'
import { runSummary, runsTable } from './format.ts'
import type { Values } from './options.ts'

function writtenDialect(raw: string | undefined): WrittenDialect | undefined {
  if (raw === undefined || (WRITTEN_DIALECTS as readonly string[]).includes(raw)) return raw as WrittenDialect
  throw new UsageError(`--dialect must be one of ${WRITTEN_DIALECTS.join(', ')}, got "${raw}"`)
}

function generate(core: Core, values: Values, io: CommandIo) {
  return io.follow(
    core.sources.generate({
      clients: numberFlag('clients', values.clients),
      purchases: numberFlag('purchases', values.purchases),
      scale: numberFlag('scale', values.scale, false),
      seed: numberFlag('seed', values.seed),
      dirtyShare: numberFlag('dirty', values.dirty, false),
      dialect: writtenDialect(values.dialect),
      outDir: values.out,
    }),
  )
}

function run(core: Core, values: Values, io: CommandIo) {
  const from = (values.from ?? 'bronze') as Layer
  if (!LAYERS.includes(from))
    throw new UsageError(`--from must be one of ${LAYERS.join(', ')}, got "${values.from}"`)
  const engine = values.engine ?? 'polars'
  if (engine !== 'polars' && engine !== 'spark')
    throw new UsageError(`--engine must be polars or spark, got "${values.engine}"`)
  const dialect = dialectFlags(values)
  const both = dialect ? { dialect: { clients: dialect, achats: dialect } } : {}
  const maxRejectShare = rejectShareFlag(values['max-reject-share'])
  return io.follow(
    core.pipeline.start({
      from,
      inputDir: values.input,
      engine,
      ...both,
      ...(maxRejectShare === undefined ? {} : { maxRejectShare }),
    }),
  )
}

export async function generateCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const result = await generate(core, values, io)
  const folder = result.clientsPath.replace(/[/\\]clients\.csv$/, '')
  io.print(result, `wrote ${result.clients} clients and ${result.purchases} purchases to ${folder}`)
  return 0
}

export async function runCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const record = await run(core, values, io)
  io.print(record, runSummary(record, core.lake))
  return 0
}

export async function demoCommand(core: Core, _values: Values, io: CommandIo): Promise<number> {
  const outcome = await io.follow(startSample(core))
  io.print(outcome, runSummary(outcome.run, core.lake))
  return 0
}

export async function runsCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const runs = await core.pipeline.runs(numberFlag('limit', values.limit) ?? 20)
  io.print(runs, runsTable(runs))
  return 0
}

export async function publishCommand(core: Core, _values: Values, io: CommandIo): Promise<number> {
  const summary = await io.follow(core.publish())
  const lines = summary.collections.map(
    (c) =>
      `  ${c.name.padEnd(28)} ${String(c.total).padStart(9)} documents (${c.written} written, ${c.deleted} stale removed)`,
  )
  io.print(
    summary,
    [`published run ${summary.runId} in ${(summary.ms / 1000).toFixed(2)} s`, ...lines].join('\n'),
  )
  return 0
}
