/**
 * Ctrl+C (SIGINT) and SIGTERM during a command that does work (run, generate, demo, publish, train):
 * one line on stderr, then everything is cancelled through the core's one cancel path (the window's quit
 * uses it too), so the run is recorded as cancelled, its staging removed and the lock released before the
 * command returns 130 (SIGINT) or 143 (SIGTERM). A second signal while that happens exits at once, with
 * the same code.
 */

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const
export type CancelSignal = keyof typeof EXIT_CODES

export interface SignalCancelOptions {
  /** Cancels the work and settles once it has wound down (Core.cancelAll). */
  cancel(by: string): Promise<void>
  stderr: NodeJS.WritableStream
  /** What stays as it was, for the line: "the previous gold stays current". */
  outcome: string
  /** The process the signals come to, and its exit (injected by tests). */
  target?: Pick<NodeJS.Process, 'on' | 'off' | 'exit'>
}

export interface SignalCancel {
  /** The signal that cancelled the command, once one came. */
  readonly signal: CancelSignal | undefined
  /** 130 or 143 once a signal came. */
  readonly exitCode: number | undefined
  /** Settles once the cancel a signal started has wound down (at once when none came). */
  readonly cancelled: Promise<void>
  /** Runs before the line is printed (e.g. clearing a progress bar and stopping it). */
  beforeLine(listener: () => void): void
  /** Stops listening for signals. */
  dispose(): void
}

export function cancelOnSignals(options: SignalCancelOptions): SignalCancel {
  const target = options.target ?? process
  const listeners: (() => void)[] = []
  let received: CancelSignal | undefined
  let cancelled: Promise<void> = Promise.resolve()
  const onSignal = (signal: CancelSignal) => {
    if (received) {
      target.exit(EXIT_CODES[received])
      return
    }
    received = signal
    for (const listener of listeners.splice(0)) listener()
    options.stderr.write(`medallion: cancelled by ${signal}; ${options.outcome}\n`)
    cancelled = options.cancel(signal)
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  target.on('SIGINT', onInt)
  target.on('SIGTERM', onTerm)
  return {
    get signal() {
      return received
    },
    get exitCode() {
      return received ? EXIT_CODES[received] : undefined
    },
    get cancelled() {
      return cancelled
    },
    beforeLine: (listener) => {
      listeners.push(listener)
    },
    dispose: () => {
      target.off('SIGINT', onInt)
      target.off('SIGTERM', onTerm)
    },
  }
}
