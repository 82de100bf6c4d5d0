/** `medallion serve` as a child process on a data folder, its stderr kept so a test can wait on its log. */
import { startCli } from './cli.ts'

export const SERVE_TOKEN = 'k7Qm2xV9pL4sT8wZ1bN6cR3yH5jD0fG2aE7uI9oP4qS'

export interface ServeChild {
  readonly pid: number
  /** What it has written on stderr so far. */
  stderr(): string
  /** Resolves once stderr matches (`count` times for a global pattern); rejects when it exits first. */
  until(pattern: RegExp, timeoutMs?: number, count?: number): Promise<void>
  /** Ctrl+C (or `signal`), then its exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export function startServe(dataDir: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): ServeChild {
  const { child, result } = startCli(['serve', '--port', '0', '--data-dir', dataDir, ...args], {
    MEDALLION_TOKEN: SERVE_TOKEN,
    ...env,
  })
  let err = ''
  const waiters = new Set<() => void>()
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8')
    for (const check of waiters) check()
  })
  let exited = false
  result.then(() => {
    exited = true
    for (const check of waiters) check()
  })
  return {
    pid: child.pid ?? -1,
    stderr: () => err,
    until: (pattern, timeoutMs = 60_000, count = 1) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`serve's stderr never matched ${pattern} ${count}×:\n${err}`))
        }, timeoutMs)
        function check() {
          const matches = pattern.global ? (err.match(pattern)?.length ?? 0) : pattern.test(err) ? 1 : 0
          if (matches >= count || exited) {
            clearTimeout(timer)
            waiters.delete(check)
            if (matches >= count) resolve()
            else reject(new Error(`serve exited before its stderr matched ${pattern}:\n${err}`))
          }
        }
        waiters.add(check)
        check()
      }),
    stop: async (signal = 'SIGINT') => {
      if (!exited) child.kill(signal)
      return (await result).code
    },
  }
}
