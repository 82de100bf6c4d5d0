/**
 * `medallion watch add DIR | list | remove ID`: the data folder's saved watches, through the same calls
 * (and zod schemas) as the window. Unlike `medallion watch DIR` (in the foreground), they run while the app
 * or `medallion serve` runs for the folder, like the schedules.
 */
import { resolve } from 'node:path'
import type { SavedWatch, WatchList } from '../../src-preload/contract-watches.ts'
import type { Core } from '../core/app-core.ts'
import { watchesHandlers } from '../core/handlers/watches.ts'
import { dispatch, type Handlers, unwrap } from '../core/rpc.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import type { Values } from './options.ts'

function watchLine(w: SavedWatch): string {
  return [w.id, w.dir, `settle ${w.settleSeconds} s`, w.engine, ...(w.publish ? ['then publish'] : [])].join(
    '  ',
  )
}

function ownerLine({ owner }: WatchList): string {
  if (owner.state === 'none')
    return 'run by: no process now (start the app or `medallion serve` for this data folder)'
  return `run by: ${owner.purpose ?? 'a process'} (process ${owner.pid})`
}

async function call(core: Core, name: Parameters<typeof dispatch>[1], input: unknown): Promise<unknown> {
  // The watches' own handlers, not the core's deferred ones: those would load every area (Polars…).
  const handlers = { ...core.handlers, ...watchesHandlers(core) } as Handlers
  return unwrap(await dispatch(handlers, name, input))
}

export async function savedWatchCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  const action = positionals[1]
  if (action === 'list') {
    const list = (await call(core, 'watches.list', {})) as WatchList
    const lines = list.watches.length
      ? list.watches.map(watchLine)
      : ['no saved watches: `medallion watch add DIR` adds one']
    io.print(list, [...lines, ownerLine(list)].join('\n'))
    return 0
  }
  const target = positionals[2]
  if (action === 'add') {
    if (!target) throw new UsageError('watch add expects the folder to watch: medallion watch add DIR')
    const settleSeconds = numberFlag('settle', values.settle, false)
    const added = (await call(core, 'watches.add', {
      dir: resolve(target),
      ...(settleSeconds !== undefined ? { settleSeconds } : {}),
      ...(values.engine ? { engine: values.engine } : {}),
      publish: values.publish,
    })) as SavedWatch
    io.print(added, `added ${watchLine(added)}`)
    return 0
  }
  if (!target) throw new UsageError('watch remove expects a watch id (watch list shows them)')
  const result = await call(core, 'watches.remove', { id: target })
  io.print(result, `removed ${target}`)
  return 0
}
