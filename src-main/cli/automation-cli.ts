/** What `medallion schedule` and `medallion watch add|list|remove` share: one area's calls, and who runs them. */
import type { ScheduleOwner } from '../../src-preload/contract-schedules.ts'
import type { Core } from '../core/app-core.ts'
import { dispatch, type Handlers, unwrap } from '../core/rpc.ts'
import type { CommandIo } from './command-io.ts'

/** Calls `name` through the area's own handlers, not the core's deferred ones: those would load every area (Polars…). */
export async function callArea(
  core: Core,
  areaHandlers: object,
  name: Parameters<typeof dispatch>[1],
  input: unknown,
): Promise<unknown> {
  const handlers = { ...core.handlers, ...areaHandlers } as Handlers
  return unwrap(await dispatch(handlers, name, input))
}

/** The line saying which process runs the folder's schedules and saved watches. */
function ownerLine(owner: ScheduleOwner): string {
  if (owner.state === 'none')
    return 'run by: no process now (start the app or `medallion serve` for this data folder)'
  return `run by: ${owner.purpose ?? 'a process'} (process ${owner.pid})`
}

/** Prints a list call's answer: one line per entry (or `empty`), then who runs them; the answer with --json. */
export function printOwnedList<T>(
  io: CommandIo,
  answer: { owner: ScheduleOwner },
  entries: T[],
  line: (entry: T) => string,
  empty: string,
): void {
  const lines = entries.length ? entries.map(line) : [empty]
  io.print(answer, [...lines, ownerLine(answer.owner)].join('\n'))
}
