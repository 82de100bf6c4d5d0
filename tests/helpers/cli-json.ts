/** `medallion … --json` on a data folder, parsed; and the runs a schedule or saved watch started. */
import type { RunRecord } from '../../src-preload/contract.ts'
import { runCli } from './cli.ts'

export async function cliJson<T>(args: string[], dataDir: string): Promise<T> {
  const result = await runCli([...args, '--json', '--data-dir', dataDir])
  if (result.code !== 0)
    throw new Error(`medallion ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

/** The recorded runs whose `triggeredBy` is `id`. */
export const runsOf = async (dataDir: string, id: string) =>
  (await cliJson<RunRecord[]>(['runs', '--limit', '1000'], dataDir)).filter((r) => r.triggeredBy === id)
