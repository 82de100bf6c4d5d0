/**
 * The one way Medallion opens a MongoDB client. Its own module, so that only what talks to MongoDB loads
 * the driver (mongo-config.ts is read by every command).
 */
import { MongoClient, type MongoClientOptions } from 'mongodb'
import { errorMessage, MedallionError } from '../errors.ts'
import { redactMongoUrl, redactSecrets } from './mongo-config.ts'

/**
 * A client with short timeouts (a dead server must not stall a request or a task for the driver's
 * default 30 s). A malformed URL is reported without the URL's password.
 */
export function createMongoClient(url: string, options: MongoClientOptions = {}): MongoClient {
  try {
    return new MongoClient(url, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000, ...options })
  } catch (err) {
    throw new MedallionError(
      'invalid_config',
      `MONGO_URL ${redactMongoUrl(url)} is not a valid MongoDB connection string: ${redactSecrets(errorMessage(err), url)}`,
    )
  }
}
