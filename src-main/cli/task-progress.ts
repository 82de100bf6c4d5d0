/**
 * Shows a task's progress on the terminal: a bar redrawn in place on a TTY, plain lines (one per step)
 * when the output is a pipe or a log file.
 */
import type { TaskInfo } from '../../src-preload/contract.ts'
import type { TaskRegistry } from '../core/tasks.ts'

const BAR_WIDTH = 24

export interface ProgressOptions {
  stream: NodeJS.WriteStream
  /** Also print the task's log lines. */
  verbose: boolean
  /** Print nothing (for --json). */
  quiet: boolean
}

function bar(info: TaskInfo): string {
  const filled = Math.round(info.progress * BAR_WIDTH)
  const pct = `${Math.round(info.progress * 100)}`.padStart(3)
  return `[${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${pct}% ${info.step}`
}

/** Follows one task until it ends; returns a function that stops following. */
export function followTask(tasks: TaskRegistry, taskId: string, options: ProgressOptions): () => void {
  if (options.quiet) return () => {}
  const { stream } = options
  const tty = stream.isTTY === true
  let lastStep = ''
  let drawn = false
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[2K')
    drawn = false
  }
  const onChanged = (info: TaskInfo) => {
    if (info.id !== taskId) return
    if (tty) {
      clear()
      if (info.state === 'running') {
        stream.write(bar(info).slice(0, (stream.columns ?? 80) - 1))
        drawn = true
      }
    } else if (info.step && info.step !== lastStep) {
      stream.write(`[${`${Math.round(info.progress * 100)}`.padStart(3)}%] ${info.step}\n`)
    }
    lastStep = info.step
  }
  const onLog = ({ id, line }: { id: string; line: string }) => {
    if (id !== taskId || !options.verbose) return
    clear()
    stream.write(`  ${line}\n`)
  }
  tasks.on('changed', onChanged)
  tasks.on('log', onLog)
  return () => {
    clear()
    tasks.off('changed', onChanged)
    tasks.off('log', onLog)
  }
}
