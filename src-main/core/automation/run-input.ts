/**
 * What an automated run reads, resolved when it starts: the data folder's sources, a folder (allow-listed
 * when it was added over HTTP), or the last import — the folder the newest run read that was not the data
 * folder's sources (an upload under imports/, or a folder chosen in the window or with --input).
 */
import { join, resolve } from 'node:path'
import type { ScheduleInputSpec } from '../../../src-preload/contract-schedules.ts'
import { MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'

/** The folder a run reads, or undefined for the data folder's sources (the pipeline's default). */
export async function resolveRunInput(
  input: ScheduleInputSpec,
  dataDir: string,
  lake: Pick<Lake, 'listRuns'>,
): Promise<string | undefined> {
  if (input.kind === 'sources') return undefined
  if (input.kind === 'folder') return input.dir
  const sources = resolve(join(dataDir, 'sources'))
  // listRuns is newest first: the first record that read another folder is the last import.
  const last = (await lake.listRuns()).find((run) => run.inputDir && resolve(run.inputDir) !== sources)
  if (!last?.inputDir) {
    throw new MedallionError(
      'no_import',
      'no run has read imported files yet, so there is no last import to run on: import files once ' +
        '(File → Import Files…, or `medallion run --input DIR`), or give the schedule a folder',
    )
  }
  return last.inputDir
}
