/**
 * The names of the contract's calls and events, with no schema attached: the preload's allow-list needs
 * only these, so it stays a few kB instead of bundling zod. `contract.ts` is checked against this list.
 */
import { APP_CALLS } from './names-app.ts'
import { BENCH_CALLS } from './names-bench.ts'
import { BROWSE_CALLS } from './names-browse.ts'
import { FILES_CALLS } from './names-files.ts'
import { IMPORT_CALLS } from './names-import.ts'
import { INSIGHTS_CALLS } from './names-insights.ts'
import { ML_CALLS } from './names-ml.ts'
import { RUNS_CALLS } from './names-runs.ts'
import { SCHEDULES_CALLS } from './names-schedules.ts'
import { SETTINGS_CALLS } from './names-settings.ts'
import { WATCHES_CALLS } from './names-watches.ts'

/** The calls of the contract's areas (each answered in its own file of src-main/core/handlers/). */
export const AREA_CALLS = [
  ...INSIGHTS_CALLS,
  ...BENCH_CALLS,
  ...ML_CALLS,
  ...SETTINGS_CALLS,
  ...FILES_CALLS,
  ...APP_CALLS,
  ...BROWSE_CALLS,
  ...IMPORT_CALLS,
  ...RUNS_CALLS,
  ...SCHEDULES_CALLS,
  ...WATCHES_CALLS,
] as const

export const CALL_NAMES = [
  'sources.generate',
  'pipeline.run',
  'pipeline.runs',
  'serving.publish',
  'serving.status',
  'data.kpis',
  'data.table',
  'tasks.list',
  'tasks.cancel',
  'stack.status',
  'stack.up',
  'stack.down',
  'stack.resetPreview',
  'stack.reset',
  'stack.logs',
  ...AREA_CALLS,
] as const
export type CallName = (typeof CALL_NAMES)[number]

export const EVENT_NAMES = ['task.changed', 'task.log', 'stack.changed', 'work.failed'] as const
export type EventName = (typeof EVENT_NAMES)[number]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}
