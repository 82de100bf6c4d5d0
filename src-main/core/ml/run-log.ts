/**
 * Every training's record, kept in the data folder whatever else is reachable: one JSON line per
 * training in `<data>/ml/runs.jsonl`, appended when it ends. The artifacts sit beside, in
 * `<data>/ml/artifacts/<training id>/`.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MlModel, MlRunRecord } from '../../../src-preload/contract-ml.ts'
import { stripUserinfo } from '../redact.ts'

export function mlFolder(dataDir: string): string {
  return join(dataDir, 'ml')
}

export function runLogPath(dataDir: string): string {
  return join(mlFolder(dataDir), 'runs.jsonl')
}

export function artifactsFolder(dataDir: string, trainingId: string): string {
  return join(mlFolder(dataDir), 'artifacts', trainingId)
}

/** One line, one write: a reader never sees half a record (lines are far below a page). */
export function appendRunRecord(dataDir: string, record: MlRunRecord): void {
  mkdirSync(mlFolder(dataDir), { recursive: true })
  appendFileSync(runLogPath(dataDir), `${JSON.stringify(record)}\n`)
}

/** Records newest first, of one model or all; unreadable lines are skipped. */
export function readRunRecords(dataDir: string, filter: { model?: MlModel; limit: number }): MlRunRecord[] {
  let text: string
  try {
    text = readFileSync(runLogPath(dataDir), 'utf8')
  } catch {
    return []
  }
  const records: MlRunRecord[] = []
  for (const line of text.split('\n').reverse()) {
    if (!line.trim()) continue
    try {
      const record = JSON.parse(line) as MlRunRecord
      if (!filter.model || record.model === filter.model) records.push(withoutLinkUserinfo(record))
    } catch {
      // A line cut by a crash is not a record.
    }
    if (records.length >= filter.limit) break
  }
  return records
}

/** A record kept before MLflow's credentials left its URI may hold them in its link: never shown. */
function withoutLinkUserinfo(record: MlRunRecord): MlRunRecord {
  if (!record.mlflow) return record
  const { trackingUri, url } = record.mlflow
  return {
    ...record,
    mlflow: { ...record.mlflow, trackingUri: stripUserinfo(trackingUri).url, url: stripUserinfo(url).url },
  }
}
