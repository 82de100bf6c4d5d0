/**
 * The MongoDB the core serves from now, if any. The core was created with the environment's (or the
 * settings') MongoDB; after `medallion up` it serves from the stack's, which the data folder's stack
 * marker names, so that is read again here.
 */

import type { Core } from '../app-core.ts'
import { resolveBackends } from '../backends.ts'
import type { MongoConfig } from '../serving/mongo-config.ts'

export async function servingMongo(
  core: Pick<Core, 'options' | 'serving'>,
): Promise<MongoConfig | undefined> {
  if (core.serving.store.kind !== 'mongo') return undefined
  if (core.options.mongo) return core.options.mongo
  const { dataDir, env = process.env, secretBox, configDir } = core.options
  return (await resolveBackends(dataDir, env, secretBox, configDir)).mongo
}
