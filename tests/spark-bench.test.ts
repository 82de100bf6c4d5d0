/**
 * The pipeline benchmark with the Spark engine beside Polars, through the contract, on real PySpark
 * (local mode: the benchmark's child runs the Spark twin with no master configured): the result says
 * which engine ran, and the history keeps both series apart.
 */
import { describe, expect, it } from 'vitest'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import type { BenchHistory } from '../src-preload/contract-bench.ts'
import { SPARK_AVAILABLE, SPARK_SKIP_REASON } from './helpers/spark.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

describe.skipIf(!SPARK_AVAILABLE)(
  `the pipeline benchmark on Spark (${SPARK_SKIP_REASON || 'PySpark'})`,
  () => {
    const core = testCore(tempDir('medallion-bench-spark-'))

    it('records a Spark run at the seed scale beside a Polars one, each with its engine', async () => {
      for (const engine of ['polars', 'spark'] as const) {
        const { taskId } = unwrap(
          await dispatch(core.handlers, 'bench.run', { kind: 'pipeline', scales: ['seed'], engine }),
        ) as { taskId: string }
        const task = await new Promise<TaskInfo>((resolve) => {
          const check = (info: TaskInfo) => {
            if (info.id === taskId && info.state !== 'running') resolve(info)
          }
          core.tasks.on('changed', check)
        })
        expect(task.state, task.error).toBe('succeeded')
      }
      const history = unwrap(await dispatch(core.handlers, 'bench.history', {})) as BenchHistory
      const runs = history.results.filter((r) => r.kind === 'pipeline')
      expect(runs.map((r) => r.engine)).toEqual(['spark', 'polars'])
      for (const run of runs) {
        if (run.kind !== 'pipeline') continue
        expect(run.scales[0]).toMatchObject({ scale: 'seed', purchases: 23_663 })
        expect(run.scales[0]?.totalS).toBeGreaterThan(0)
      }
    }, 600_000)
  },
)
