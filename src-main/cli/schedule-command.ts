/**
 * `medallion schedule add|list|pause|resume|remove`: the data folder's schedules, through the same calls
 * (and zod schemas) as the window. They run while the app or `medallion serve` runs for the folder.
 */
import { resolve } from 'node:path'
import type { ScheduleInputSpec, ScheduleList, ScheduleView } from '../../src-preload/contract-schedules.ts'
import type { Core } from '../core/app-core.ts'
import { schedulesHandlers } from '../core/handlers/schedules.ts'
import { callArea, printOwnedList } from './automation-cli.ts'
import { type CommandIo, UsageError } from './command-io.ts'
import type { Values } from './options.ts'

const ACTIONS = ['add', 'list', 'pause', 'resume', 'remove'] as const

function inputOf(values: Values): ScheduleInputSpec {
  if (values['last-import'] && values.input)
    throw new UsageError('give --input DIR or --last-import, not both')
  if (values['last-import']) return { kind: 'last-import' }
  return values.input ? { kind: 'folder', dir: resolve(values.input) } : { kind: 'sources' }
}

function describeInput(input: ScheduleInputSpec): string {
  return input.kind === 'folder' ? input.dir : input.kind
}

function scheduleLine(s: ScheduleView): string {
  const after = [s.publish ? 'publish' : '', s.train ? `train ${s.train}` : ''].filter(Boolean).join(', ')
  return [
    s.id,
    `"${s.cron}"`,
    s.tz,
    s.paused ? 'paused' : `next ${s.nextRunAt ?? 'never'}`,
    `input ${describeInput(s.input)}`,
    s.engine,
    ...(after ? [`then ${after}`] : []),
    ...(s.catchUp ? ['catch-up'] : []),
  ].join('  ')
}

async function call(core: Core, name: Parameters<typeof callArea>[2], input: unknown): Promise<unknown> {
  return callArea(core, schedulesHandlers(core), name, input)
}

export async function scheduleCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  const action = positionals[1]
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
    throw new UsageError(
      `schedule expects one of ${ACTIONS.join(', ')}, got ${action ? `"${action}"` : 'nothing'}`,
    )
  }
  if (action === 'list') {
    const list = (await call(core, 'schedules.list', {})) as ScheduleList
    printOwnedList(
      io,
      list,
      list.schedules,
      scheduleLine,
      'no schedules: `medallion schedule add "<cron>"` adds one',
    )
    return 0
  }
  if (action === 'add') {
    const cron = positionals[2]
    if (!cron) throw new UsageError('schedule add expects a cron expression, e.g. "0 7 * * *"')
    const added = (await call(core, 'schedules.add', {
      cron,
      input: inputOf(values),
      ...(values.engine ? { engine: values.engine } : {}),
      publish: values.publish,
      ...(values.train ? { train: values.train } : {}),
      ...(values.tz ? { tz: values.tz } : {}),
      catchUp: values['catch-up'],
    })) as ScheduleView
    io.print(added, `added ${scheduleLine(added)}`)
    return 0
  }
  const id = positionals[2]
  if (!id) throw new UsageError(`schedule ${action} expects a schedule id (schedule list shows them)`)
  const name = `schedules.${action}` as 'schedules.pause' | 'schedules.resume' | 'schedules.remove'
  const result = await call(core, name, { id })
  io.print(
    result,
    action === 'remove' ? `removed ${id}` : `${action}d ${scheduleLine(result as ScheduleView)}`,
  )
  return 0
}
