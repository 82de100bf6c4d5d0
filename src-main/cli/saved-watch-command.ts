/**
 * `medallion watch add DIR | list | remove ID`: the data folder's saved watches, through the same calls
 * (and zod schemas) as the window. Unlike `medallion watch DIR` (in the foreground), they run while the app
 * or `medallion serve` runs for the folder, like the schedules.
 */
import { resolve } from 'node:path'
import type { SavedWatch, WatchList } from '../../src-preload/contract-watches.ts'
import type { Core } from '../core/app-core.ts'
import { watchesHandlers } from '../core/handlers/watches.ts'
import { callArea, printOwnedList } from './automation-cli.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import type { Values } from './options.ts'

function watchLine(w: SavedWatch): string {
  return [w.id, w.dir, `settle ${w.settleSeconds} s`, w.engine, ...(w.publish ? ['then publish'] : [])].join(
    '  ',
  )
}

async function call(core: Core, name: Parameters<typeof callArea>[2], input: unknown): Promise<unknown> {
  return callArea(core, watchesHandlers(core), name, input)
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
    printOwnedList(io, list, list.watches, watchLine, 'no saved watches: `medallion watch add DIR` adds one')
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
