/**
 * Bounds how many big answers are being written at once: the rest wait their turn, so that the event loop
 * is never busy with more than a few of them and small requests (`/health`, `/kpis`) are answered between
 * their chunks. A writer waiting for a slow reader leaves its slot (it does no work meanwhile) and gets it
 * back before those that have not started, so that answers begun are finished first.
 */
export class HeavyGate {
  private busy = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`a gate needs at least one slot, got ${slots}`)
  }

  /** Resolves once a slot is this caller's; `resuming` puts it ahead of the callers not yet started. */
  enter(resuming = false): Promise<void> {
    if (this.busy < this.slots) {
      this.busy++
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      if (resuming) this.waiting.unshift(resolve)
      else this.waiting.push(resolve)
    })
  }

  /** Gives the slot to the next waiting caller, or frees it. */
  leave(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.busy = Math.max(0, this.busy - 1)
  }

  /** Callers waiting for a slot (for tests and figures). */
  get queued(): number {
    return this.waiting.length
  }
}
