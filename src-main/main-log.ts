/**
 * The main process's log file, with electron-log (rotated at 5 MB, one old file kept) in the OS's log
 * folder for the app. Every line passes through the one redactor first, so no password, key or token
 * reaches the file; console output and uncaught errors of the main process go to it too.
 */
import log from 'electron-log/main'
import { secretsFromEnv } from './core/redact.ts'
import { redactionHook } from './main-log-lines.ts'

const MAX_LOG_BYTES = 5 * 1024 * 1024

export interface MainLog {
  /** The current log file and its rotated predecessor, for diagnostics. */
  files(): string[]
  /** More secrets to mask from now on (the core's: the decrypted settings, the backends' keys). */
  learn(secrets: Iterable<string>): void
  info(...parts: unknown[]): void
  warn(...parts: unknown[]): void
  error(...parts: unknown[]): void
}

export function startMainLog(env: NodeJS.ProcessEnv = process.env): MainLog {
  let secrets = secretsFromEnv(env)
  const file = log.transports.file
  file.maxSize = MAX_LOG_BYTES
  file.level = 'info'
  log.hooks.push(redactionHook(() => secrets))
  log.errorHandler.startCatching({ showDialog: false })
  Object.assign(console, log.functions)
  return {
    files: () => {
      const current = file.getFile().path
      return [current.replace(/\.log$/, '.old.log'), current]
    },
    learn: (more) => {
      secrets = [...new Set([...secrets, ...more])]
    },
    info: (...parts) => log.info(...parts),
    warn: (...parts) => log.warn(...parts),
    error: (...parts) => log.error(...parts),
  }
}
