/** `medallion bench`: a benchmark as a task of the core, its figures printed against the baseline. */
import type { Core } from '../core/app-core.ts'
import { parseBenchFlags } from '../core/bench/bench-flags.ts'
import { benchSummary } from '../core/bench/bench-format.ts'
import { startBench } from '../core/bench/bench-task.ts'
import { type CommandIo, UsageError } from './command-io.ts'
import type { Values } from './options.ts'

export async function benchCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const input = parseBenchFlags(values.kind, values.scales, values.engine)
  if (typeof input === 'string') throw new UsageError(input)
  const result = await io.follow(startBench(core, input))
  io.print(result, benchSummary(result))
  return 0
}
