import { setTimeout as wait } from 'node:timers/promises'

/** Waits `ms`; an abort ends the wait by throwing the signal's reason, so a task cancel stays a cancel. */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal })
  } catch (err) {
    signal?.throwIfAborted()
    throw err
  }
}
