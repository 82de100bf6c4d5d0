/**
 * A service's `healthcheck`: `test` as a string (run by the container's shell, i.e. CMD-SHELL) or a list
 * starting with CMD, CMD-SHELL or NONE; durations such as `10s` or `1m30s`; `disable: true`. Unset timings get
 * the engine's defaults, so the plan says exactly what the engine will do.
 */
import { atField, type ComposeAt, composeError } from './compose-error.ts'
import {
  checkKeys,
  describeValue,
  expectBoolean,
  expectInteger,
  expectMap,
  expectString,
  textList,
} from './compose-shape.ts'
import { parseDurationMs } from './duration.ts'
import type { Healthcheck } from './stack-plan.ts'

const KEYS = ['test', 'interval', 'timeout', 'retries', 'start_period', 'disable']
const ENGINE_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 }

/** The check, `test: ['NONE']` when the file turns the image's own check off, undefined when there is none. */
export function parseHealthcheck(value: unknown, at: ComposeAt): Healthcheck | undefined {
  if (value === undefined || value === null) return undefined
  const map = expectMap(value, at)
  checkKeys(map, KEYS, at)
  const timings = {
    intervalMs: durationField(map, 'interval', at) ?? ENGINE_DEFAULTS.intervalMs,
    timeoutMs: durationField(map, 'timeout', at) ?? ENGINE_DEFAULTS.timeoutMs,
    retries:
      map.retries === undefined
        ? ENGINE_DEFAULTS.retries
        : expectInteger(map.retries, atField(at, 'retries'), 0),
    startPeriodMs: durationField(map, 'start_period', at) ?? ENGINE_DEFAULTS.startPeriodMs,
  }
  if (map.disable !== undefined && expectBoolean(map.disable, atField(at, 'disable')))
    return { test: ['NONE'], ...timings }
  if (map.test === undefined) {
    throw composeError(
      'compose_unsupported',
      at,
      `a healthcheck without "test" (keeping the image's own check) is not supported by Medallion's orchestrator`,
    )
  }
  return { test: testCommand(map.test, atField(at, 'test')), ...timings }
}

function testCommand(value: unknown, at: ComposeAt): string[] {
  if (typeof value === 'string') return ['CMD-SHELL', expectString(value, at)]
  const test = textList(value, at)
  const [kind] = test
  const valid =
    (kind === 'CMD' && test.length >= 2) ||
    (kind === 'CMD-SHELL' && test.length === 2) ||
    (kind === 'NONE' && test.length === 1)
  if (!valid) {
    throw composeError(
      'compose_invalid',
      at,
      `expected ["CMD", program, args…], ["CMD-SHELL", "script"], ["NONE"] or a script string, found [${test.join(', ')}]`,
    )
  }
  return test
}

function durationField(map: Record<string, unknown>, key: string, at: ComposeAt): number | undefined {
  const value = map[key]
  if (value === undefined) return undefined
  const ms = typeof value === 'string' ? parseDurationMs(value) : undefined
  if (ms === undefined) {
    throw composeError(
      'compose_invalid',
      atField(at, key),
      `expected a duration such as 10s, 1m30s or 500ms, found ${describeValue(value)}`,
    )
  }
  return ms
}
