/**
 * The MongoDB the core serves from now, if any: the one it started with (the environment's or the
 * settings' at start), or the stack's after `medallion up`.
 */
import type { Core } from '../app-core.ts'
import type { MongoConfig } from '../serving/mongo-config.ts'

export async function servingMongo(core: Pick<Core, 'mongo' | 'serving'>): Promise<MongoConfig | undefined> {
  if (core.serving.store.kind !== 'mongo') return undefined
  return core.mongo
}
