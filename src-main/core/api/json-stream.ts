/**
 * Writes a list answer whose page may be big: a small page as one JSON text (sendJson, with its length),
 * a big one in chunks of rows that yield to the event loop between them, wait for a slow reader, and take
 * turns through a HeavyGate. The bytes are those JSON.stringify writes for the same answer.
 */
import type { ServerResponse } from 'node:http'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { ServedPage } from '../serving/serving-store.ts'
import type { HeavyGate } from './heavy-gate.ts'
import { BASE_HEADERS, sendJson } from './http-io.ts'

/** A JSON answer around a page of rows: `before`, the rows joined by commas, then `after`. */
export interface JsonList {
  before: string
  page: ServedPage
  after: string
}

/** Pages up to this many rows are written at once (a few ms of work at most). */
export const STREAM_MIN_ROWS = 500
/** Rows serialised per chunk: about 1 ms of work and 100 kB for the widest collection (scores). */
export const CHUNK_ROWS = 250

/** Resolves when the response can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

export async function sendJsonList(
  res: ServerResponse,
  status: number,
  list: JsonList,
  gate: HeavyGate,
  headers: Record<string, string> = {},
): Promise<void> {
  const { before, page, after } = list
  if (page.count <= STREAM_MIN_ROWS) {
    const body = Buffer.concat([Buffer.from(before), page.bytes(0, page.count), Buffer.from(after)])
    return sendJson(res, status, undefined, headers, body)
  }
  await gate.enter()
  let holding = true
  try {
    // No Content-Length: the body is chunked (and compressed, when asked: compression.ts).
    res.writeHead(status, {
      ...BASE_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    })
    let ready = res.write(before)
    for (let from = 0; from < page.count; from += CHUNK_ROWS) {
      if (!ready) {
        // A full socket: its slot goes to others until it takes more.
        gate.leave()
        holding = false
        await drained(res)
        await gate.enter(true)
        holding = true
      }
      // One chunk per slot per turn of the event loop, even for a writer just handed a slot: handed on at
      // once, a slot went from writer to writer in one turn (a chunk over the socket's 16 kB mark always
      // fills it), 50 big pages writing a chunk each while /health waited.
      await nextTurn()
      if (res.destroyed) return
      const to = Math.min(page.count, from + CHUNK_ROWS)
      ready = res.write(page.bytes(from, to))
    }
    res.end(after)
  } finally {
    if (holding) gate.leave()
  }
}
