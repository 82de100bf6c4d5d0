/**
 * What a watch (or anything that asks for runs faster than they finish) starts: one run at a time, and the
 * requests that arrive during a run become ONE more run after it — the newest files are read then.
 */
export interface CoalescedRuns {
  /** Asks for a run: starts one now, or once after the run under way. */
  request(): void
  /** Settles when no run is under way nor asked for. */
  idle(): Promise<void>
}

export function coalescedRuns(run: () => Promise<void>): CoalescedRuns {
  let running: Promise<void> | undefined
  let again = false

  const loop = async () => {
    do {
      again = false
      // A failed run is the caller's to report (run logs it); the next request still runs.
      await run().catch(() => {})
    } while (again)
    running = undefined
  }

  return {
    request() {
      if (running) again = true
      else running = loop()
    },
    async idle() {
      while (running) await running
    },
  }
}
