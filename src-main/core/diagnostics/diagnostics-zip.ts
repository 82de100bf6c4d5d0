/**
 * "Export diagnostics": one zip a user can attach to an issue. Every entry passes through the one
 * redactor (redact.ts) with the secrets the environment, the caller and the sources themselves reveal;
 * a source that fails or hangs is recorded as a message, so the export itself fails only on writing.
 */
import { resolve } from 'node:path'
import { strToU8, type Zippable, zipSync } from 'fflate'
import { writeFileAtomic } from '../atomic-file.ts'
import {
  maskKnownSecrets,
  redactText,
  redactValue,
  secretsFromEnv,
  secretsInText,
  secretsInValue,
} from '../redact.ts'
import { writeFailure } from '../system-error.ts'
import { readmeText } from './diagnostics-readme.ts'
import type { DiagnosticsSources } from './diagnostics-sources.ts'
import { medallionVariables } from './environment-variables.ts'
import { logEntryText, readLogs } from './log-entries.ts'
import { DEFAULT_TAIL_LINES } from './log-tail.ts'
import { type Settled, settle } from './settle.ts'

export type { DiagnosticsSources } from './diagnostics-sources.ts'

export interface DiagnosticsResult {
  path: string
  bytes: number
  /** The archive's entry names, README.txt first. */
  entries: string[]
}

export const RUNS_IN_ARCHIVE = 10

function settledValue<T>(settled: Settled<T>): T | { error: string } {
  return settled.ok ? settled.value : { error: settled.error }
}

function describe<T>(settled: Settled<T>, ok: (value: T) => string): string {
  return settled.ok ? ok(settled.value) : `could not be read: ${settled.error}`
}

export async function writeDiagnosticsZip(
  path: string,
  sources: DiagnosticsSources,
): Promise<DiagnosticsResult> {
  const target = resolve(path)
  const madeAt = (sources.now ?? (() => new Date()))()
  const [settings, runs, stack, logs] = await Promise.all([
    settle('the settings', () => sources.settings()),
    settle('the run history', async () => (await sources.runs(RUNS_IN_ARCHIVE)).slice(0, RUNS_IN_ARCHIVE)),
    settle('the stack status', () => sources.stackStatus()),
    readLogs(sources.logFiles, DEFAULT_TAIL_LINES),
  ])

  // Secrets learnt anywhere are masked everywhere: a password seen in one URL may be quoted alone elsewhere.
  const secrets = [
    ...new Set([
      ...secretsFromEnv(sources.env),
      ...(sources.secrets ?? []),
      ...secretsInValue([sources.versions, settings, runs, stack]),
      ...logs.flatMap((log) => (log.tail ? secretsInText(log.tail.lines.join('\n')) : [])),
    ]),
  ]
  const json = (value: unknown) =>
    maskKnownSecrets(`${JSON.stringify(redactValue(value, secrets), null, 2)}\n`, secrets)

  const included = logs.filter((log) => log.tail)
  const body: [entry: string, text: string, about: string][] = [
    ['versions.json', json(sources.versions), 'Medallion, Node, Electron, Polars, the OS'],
    [
      'settings.json',
      json(settledValue(settings)),
      describe(settings, () => 'the Settings page, secrets masked'),
    ],
    [
      'runs.json',
      json(settledValue(runs)),
      describe(runs, (records) => `the last ${records.length} pipeline run record(s), newest first`),
    ],
    [
      'stack-status.json',
      json(settledValue(stack)),
      describe(stack, () => 'the stack: engine, services, links'),
    ],
    ['environment.json', json(medallionVariables(sources.env, secrets)), "Medallion's variables"],
    ...included.map((log): [string, string, string] => [
      log.entry,
      logEntryText(log, secrets),
      `the last ${log.tail?.lines.length} line(s) of ${log.path}${log.tail?.truncated ? '' : ' (all of it)'}`,
    ]),
  ]
  const readme = readmeText({
    madeAt,
    ...(sources.versions.medallion ? { medallionVersion: sources.versions.medallion } : {}),
    secretCount: secrets.length,
    contents: body.map(([entry, , about]) => ({ entry, about })),
    missingLogs: logs.filter((log) => !log.tail).map((log) => ({ path: log.path, why: log.error ?? '' })),
  })

  const files: [string, string][] = [
    ['README.txt', redactText(readme, secrets)],
    ...body.map(([entry, text]): [string, string] => [entry, text]),
  ]
  const zippable: Zippable = {}
  for (const [entry, text] of files) zippable[entry] = strToU8(text)
  const archive = zipSync(zippable, { level: 6, mtime: madeAt })
  await writeFileAtomic(target, archive).catch((err) => {
    throw writeFailure(err, target)
  })
  return { path: target, bytes: archive.byteLength, entries: files.map(([entry]) => entry) }
}
