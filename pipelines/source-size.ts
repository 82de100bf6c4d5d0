/**
 * How big a run's sources are, and from what size they stream: read by the app before a run starts, so it
 * must not load Polars (the run's own worker does).
 */
import { statSync } from 'node:fs'

/**
 * Sources from this size on stream to bronze and are read back from their files, so memory stays bounded
 * (10M purchases, 470 MB of CSV, held 2.5 GB of text); smaller ones are read into memory, which is faster
 * (1M purchases, 51 MB: streaming and reading back cost 0.3 s more CPU).
 */
export const STREAM_FROM_BYTES = 128 * 1024 * 1024

/** A file's size in bytes; 0 when it cannot be read (reading it then says why). */
export function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0 // readSource says the file is missing
  }
}
