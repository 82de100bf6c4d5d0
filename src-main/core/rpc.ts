/**
 * One dispatcher for every binding of the contract (ipcMain, HTTP /rpc, the CLI): checks the call name,
 * validates the input with the call's schema, runs the handler, and wraps the outcome in an envelope.
 */
import {
  type CallArgs,
  type CallName,
  type CallOutput,
  contract,
  isCallName,
  type ResultEnvelope,
} from '../../src-preload/contract.ts'
import { errorCode, errorMessage } from './errors.ts'

export type Handlers = { [N in CallName]: (args: CallArgs<N>) => Promise<CallOutput<N>> }

/** The handlers of one area of the contract (its names in src-preload/names-<area>.ts). */
export type HandlersOf<Names extends readonly CallName[]> = {
  [N in Names[number]]: (args: CallArgs<N>) => Promise<CallOutput<N>>
}

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
): Promise<ResultEnvelope<unknown>> {
  if (!isCallName(name)) {
    return {
      error: { code: 'unknown_call', message: `unknown call ${JSON.stringify(String(name)).slice(0, 80)}` },
    }
  }
  const parsed = contract[name].input.safeParse(input)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
      .join('; ')
    return { error: { code: 'invalid_input', message: `${name}: ${issues}` } }
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>
    return { result: await handler(parsed.data) }
  } catch (err) {
    return { error: { code: errorCode(err), message: errorMessage(err) } }
  }
}

/** Turns an envelope back into a value or a thrown `Error` carrying the code. */
export function unwrap<T>(envelope: ResultEnvelope<T>): T {
  if ('error' in envelope) {
    const err = new Error(envelope.error.message) as Error & { code: string }
    err.code = envelope.error.code
    throw err
  }
  return envelope.result
}
