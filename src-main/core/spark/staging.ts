/**
 * Spark writes an S3 lake's layers straight into their buckets, so the local staging folders an S3 lake
 * hands out stay empty; left behind, an empty one would pass for a downloaded copy of the committed layer.
 * Only empty folders are removed (a local lake's staged folders hold the tables and stay).
 */
import { rmdir } from 'node:fs/promises'
import type { Layer } from '../../../src-preload/contract.ts'

export async function removeEmptyStaging(out: Partial<Record<Layer, string>>): Promise<void> {
  for (const dir of Object.values(out)) {
    if (dir) await rmdir(dir).catch(() => {})
  }
}
