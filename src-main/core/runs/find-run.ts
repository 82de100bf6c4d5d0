/** One run's record by id, or an error naming the id and where the list of runs is. */
import type { RunRecord } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'

export async function findRun(lake: Pick<Lake, 'listRuns'>, runId: string): Promise<RunRecord> {
  const record = (await lake.listRuns()).find((r) => r.runId === runId)
  if (!record) {
    throw new MedallionError(
      'run_not_found',
      `no run ${runId} in the history (it may have been pruned): \`medallion runs\` lists the kept runs`,
    )
  }
  return record
}
