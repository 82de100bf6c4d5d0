/**
 * What the main log writes, and its redaction as an electron-log hook: every part of every line (text,
 * errors with their stack, objects) passes through the one redactor with the secrets known so far. Apart
 * from main-log.ts (which imports Electron's logger), so that a test can install both on electron-log's
 * Node logger and read the file it writes.
 */
import type { Hook } from 'electron-log'
import { redactText, redactValue } from './core/redact.ts'

/** One entry of a log line, redacted: an Error stays an Error (electron-log prints its stack). */
function redactPart(part: unknown, secrets: readonly string[]): unknown {
  if (typeof part === 'string') return redactText(part, secrets)
  if (part instanceof Error) {
    const clean = new Error(redactText(part.message, secrets))
    clean.stack = redactText(part.stack ?? '', secrets)
    return clean
  }
  return redactValue(part, secrets)
}

/** `secrets()` is asked at every line: secrets learnt later (the core's, once it starts) count at once. */
export function redactionHook(secrets: () => readonly string[]): Hook {
  return (message) => ({ ...message, data: message.data.map((part) => redactPart(part, secrets())) })
}

/** The line the main log keeps for each task that ends (its error already redacted by the registry). */
export function taskEndLine(task: { kind: string; title: string; state: string; error?: string }): string {
  return `task ${task.kind} "${task.title}" ${task.state}${task.error ? `: ${task.error}` : ''}`
}
