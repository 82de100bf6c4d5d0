/**
 * `POST /rpc/<call>`: the contract over HTTP. The JSON body is the call's input (an empty body means no
 * input), handed to the one dispatcher that validates it with the call's zod schema; the answer is the
 * same envelope IPC carries. Status: 200 `{result}`; 400 `{error}` for invalid_input / unknown_call /
 * invalid_json; 405, 413, 415 for the wrong method, size or content type; 500 `{error}` otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dispatch, type Handlers } from '../rpc.ts'
import { BodyTooLargeError, readBody, sendJson } from './http-io.ts'

export const RPC_BODY_LIMIT = 1 << 20

/** HTTP status of a failed call: its code says whose problem it is; a user-facing error is never a 500. */
const STATUS_BY_CODE: Record<string, number> = {
  internal: 500,
  not_found: 404,
  // The call exists but this binding may not make it (the window's own calls, a folder outside the roots).
  window_only: 403,
  input_not_allowed: 403,
  busy: 409,
  data_locked: 409,
  publish_in_progress: 409,
  store_unreachable: 503,
  store_auth: 503,
  lake_unreachable: 503,
}

export function statusOf(code: string): number {
  return STATUS_BY_CODE[code] ?? 400
}

function fail(res: ServerResponse, status: number, code: string, message: string, headers = {}): void {
  sendJson(res, status, { error: { code, message } }, headers)
}

export async function handleRpc(
  handlers: Handlers,
  call: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    req.resume()
    return fail(res, 405, 'method_not_allowed', `${call}: calls are POST requests`, { Allow: 'POST' })
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    req.resume()
    return fail(
      res,
      415,
      'unsupported_media_type',
      `${call}: send the input as Content-Type: application/json`,
    )
  }
  let text: string
  try {
    text = await readBody(req, RPC_BODY_LIMIT)
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return fail(res, 413, 'too_large', `${call}: ${err.message}`, { Connection: 'close' })
    }
    throw err
  }
  let input: unknown
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text)
    } catch {
      return fail(res, 400, 'invalid_json', `${call}: the body is not valid JSON`)
    }
  }
  const envelope = await dispatch(handlers, call, input)
  if ('result' in envelope) return sendJson(res, 200, envelope)
  sendJson(res, statusOf(envelope.error.code), envelope)
}
