/** `medallion train predictor|advisor`: a training as a task of the core, its metrics printed. */
import type { Core } from '../core/app-core.ts'
import { MlService } from '../core/ml/ml-service.ts'
import { parseTrainFlags } from '../core/ml/train-flags.ts'
import { trainSummary } from '../core/ml/train-summary.ts'
import { type CommandIo, UsageError } from './command-io.ts'
import type { Values } from './options.ts'

export async function trainCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  const input = parseTrainFlags(positionals[1], values)
  if (typeof input === 'string') throw new UsageError(input)
  const record = await io.follow(new MlService(core).train(input))
  io.print(record, trainSummary(record))
  return 0
}
