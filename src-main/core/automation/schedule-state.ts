/**
 * When each schedule last ticked, in `<data>/automation/schedule-state.json`: written only by the lease's
 * owner, so that a new owner can tell a tick missed while no process ran the schedules (catch-up).
 * Kept apart from schedules.json, which the CLI and the window edit.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomicSync } from '../atomic-file.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { automationDir } from './schedule-store.ts'

const StateFile = z.object({ lastTicks: z.record(z.string(), z.iso.datetime({ offset: true })) })
export type ScheduleState = z.output<typeof StateFile>

function stateFile(dataDir: string): string {
  return join(automationDir(dataDir), 'schedule-state.json')
}

export function readScheduleState(dataDir: string): ScheduleState {
  const path = stateFile(dataDir)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lastTicks: {} }
    throw err
  }
  try {
    return StateFile.parse(JSON.parse(text))
  } catch (err) {
    throw new MedallionError(
      'bad_schedules_file',
      `${path}: not a schedule state (${errorMessage(err).slice(0, 200)}); remove it (missed runs are then not caught up once)`,
    )
  }
}

/** Records that `id` ticked at `at` (the schedules not listed are forgotten: removed ones). */
export function writeLastTick(dataDir: string, id: string, at: Date, keep: readonly string[]): void {
  const state = readScheduleState(dataDir)
  const lastTicks: Record<string, string> = {}
  for (const kept of keep) if (state.lastTicks[kept]) lastTicks[kept] = state.lastTicks[kept]
  lastTicks[id] = at.toISOString()
  mkdirSync(automationDir(dataDir), { recursive: true })
  writeFileAtomicSync(stateFile(dataDir), `${JSON.stringify({ lastTicks }, null, 2)}\n`)
}
