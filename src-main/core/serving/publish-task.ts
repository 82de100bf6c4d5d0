/** Publishing as a task: connects to the configured MongoDB, publishes the current gold, reports progress. */

import { type RetryPolicy, SINGLE_ATTEMPT, withRetries } from '../automation/retry.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'
import type { Task, TaskRegistry } from '../tasks.ts'
import { type MongoConfig, redactMongoUrl, redactSecrets } from './mongo-config.ts'
import type { PublishSummary } from './publisher.ts'

export function startPublish(
  deps: { tasks: TaskRegistry; lake: Lake; mongo?: MongoConfig },
  /** Transient failures (MongoDB unreachable, another publish's lease) tried again; default once. */
  retry: RetryPolicy = SINGLE_ATTEMPT,
): {
  task: Task
  done: Promise<PublishSummary>
} {
  return deps.tasks.run('publish', 'Publish gold to MongoDB', (task) =>
    withRetries(() => publishOnce(deps, task), {
      policy: retry,
      what: 'publish',
      log: (line) => task.log(line),
      signal: task.signal,
    }),
  )
}

async function publishOnce(deps: { lake: Lake; mongo?: MongoConfig }, task: Task): Promise<PublishSummary> {
  const { mongo } = deps
  if (!mongo) {
    throw new MedallionError(
      'no_mongo',
      'no MongoDB configured: set MONGO_URL (and MONGO_DB) to publish; without it the embedded store serves gold from the lake',
    )
  }
  task.log(`publishing to ${redactMongoUrl(mongo.url)} database ${mongo.db}`)
  // The driver and the publisher load with the first publish, not with every command.
  const [{ MongoClient }, { publishGold }] = await Promise.all([import('mongodb'), import('./publisher.ts')])
  const client = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 5_000 })
  try {
    await client.connect()
    const summary = await publishGold({
      lake: deps.lake,
      db: client.db(mongo.db),
      signal: task.signal,
      onProgress: (fraction, label) => task.progress(fraction, label),
    })
    for (const c of summary.collections)
      task.log(`${c.name}: ${c.total} documents (${c.written} written, ${c.deleted} stale removed)`)
    return summary
  } catch (err) {
    if (err instanceof MedallionError || task.signal.aborted) throw err
    throw new MedallionError(
      'publish_failed',
      `publishing to ${redactMongoUrl(mongo.url)} failed: ${redactSecrets(errorMessage(err), mongo.url)}`,
      { cause: err },
    )
  } finally {
    await client.close()
  }
}
