/**
 * Where benchmark results are kept: one JSON line each in `<data>/metrics/bench-results.jsonl`, and in
 * the serving MongoDB's `bench_results` collection when the core serves from MongoDB (so the stack's
 * dashboards see them too). The history merges both, newest first.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Collection, Document } from 'mongodb'
import type { BenchKind, BenchResult } from '../../../src-preload/contract-bench.ts'
import type { Core } from '../app-core.ts'
import { errorMessage } from '../errors.ts'
import { createMongoClient } from '../serving/mongo-client.ts'
import { type MongoConfig, redactSecrets } from '../serving/mongo-config.ts'
import { servingMongo } from './serving-mongo.ts'

export const BENCH_RESULTS_FILE = 'bench-results.jsonl'
export const BENCH_RESULTS_COLLECTION = 'bench_results'

type HistoryCore = Pick<Core, 'options' | 'serving' | 'mongo'>

export function benchResultsPath(dataDir: string): string {
  return join(dataDir, 'metrics', BENCH_RESULTS_FILE)
}

async function withCollection<T>(mongo: MongoConfig, work: (c: Collection<Document>) => Promise<T>) {
  const client = createMongoClient(mongo.url, { serverSelectionTimeoutMS: 3_000 })
  try {
    await client.connect()
    return await work(client.db(mongo.db).collection(BENCH_RESULTS_COLLECTION))
  } catch (err) {
    throw new Error(redactSecrets(errorMessage(err), mongo.url))
  } finally {
    await client.close()
  }
}

function isBenchResult(value: unknown): value is BenchResult {
  const v = value as Partial<BenchResult> | null
  return (
    typeof v?.id === 'string' &&
    (v.kind === 'pipeline' || v.kind === 'refresh') &&
    typeof v.startedAt === 'string'
  )
}

async function readFileResults(dataDir: string): Promise<BenchResult[]> {
  let text: string
  try {
    text = await readFile(benchResultsPath(dataDir), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const results: BenchResult[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      const parsed: unknown = JSON.parse(line)
      if (isBenchResult(parsed)) results.push(parsed)
    } catch {
      // A line cut short by a crash is skipped; the others still count.
    }
  }
  return results
}

/** Appends a result to the data folder's history file; returns the file. */
export async function appendBenchResult(dataDir: string, result: BenchResult): Promise<string> {
  const file = benchResultsPath(dataDir)
  await mkdir(join(dataDir, 'metrics'), { recursive: true })
  await appendFile(file, `${JSON.stringify(result)}\n`)
  return file
}

/** Saves a result; returns what could not be saved (MongoDB down), for the task's log. */
export async function recordBenchResult(core: HistoryCore, result: BenchResult): Promise<string | undefined> {
  const file = await appendBenchResult(core.options.dataDir, result)
  const mongo = await servingMongo(core)
  if (!mongo) return undefined
  try {
    await withCollection(mongo, (c) =>
      c.insertOne({ _id: result.id as unknown as Document['_id'], ...result }),
    )
    return undefined
  } catch (err) {
    return `the result is saved in ${file} but not in MongoDB's ${BENCH_RESULTS_COLLECTION}: ${errorMessage(err)}`
  }
}

export async function readBenchHistory(
  core: HistoryCore,
  { kind, limit }: { kind?: BenchKind; limit: number },
): Promise<BenchResult[]> {
  const byId = new Map<string, BenchResult>()
  for (const result of await readFileResults(core.options.dataDir)) byId.set(result.id, result)
  const mongo = await servingMongo(core)
  if (mongo) {
    try {
      const docs = await withCollection(mongo, (c) =>
        c
          .find(kind ? { kind } : {}, { projection: { _id: 0 } })
          .sort({ startedAt: -1 })
          .limit(limit)
          .toArray(),
      )
      for (const doc of docs) if (isBenchResult(doc)) byId.set(doc.id, doc)
    } catch {
      // MongoDB unreachable: the local file still holds every result this data folder recorded.
    }
  }
  return [...byId.values()]
    .filter((r) => !kind || r.kind === kind)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, limit)
}
