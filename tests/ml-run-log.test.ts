/**
 * Training records kept before MLflow's credentials left its URI may hold them in their link: read back,
 * the link comes without its userinfo (the run still found by its id in MLflow).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mlFolder, readRunRecords, runLogPath } from '../src-main/core/ml/run-log.ts'
import { tempDir } from './helpers/temp-data.ts'

describe('ml/runs.jsonl read back', () => {
  it('drops the userinfo of an old record’s MLflow link', () => {
    const dataDir = tempDir()
    mkdirSync(mlFolder(dataDir), { recursive: true })
    const old = {
      id: '20250101T000000000Z-abcd',
      model: 'advisor',
      status: 'finished',
      mlflow: {
        trackingUri: 'http://ml:Legacy-Pw-77@127.0.0.1:5001',
        experimentId: '1',
        runId: 'r1',
        url: 'http://ml:Legacy-Pw-77@127.0.0.1:5001/#/experiments/1/runs/r1',
      },
    }
    writeFileSync(runLogPath(dataDir), `${JSON.stringify(old)}\n`)
    const [record] = readRunRecords(dataDir, { limit: 5 })
    expect(record?.mlflow).toEqual({
      trackingUri: 'http://127.0.0.1:5001',
      experimentId: '1',
      runId: 'r1',
      url: 'http://127.0.0.1:5001/#/experiments/1/runs/r1',
    })
  })
})
