/**
 * The stack as the contract offers it: status, Up, Down, Reset (preview first), logs, and live status
 * events. Long operations are tasks. The engine is found on first use and looked for again after it
 * failed. What Up does once the services are healthy (connect the core, run the pipeline on MinIO,
 * publish) and what Down undoes are the caller's, so this file knows nothing of lakes or stores.
 */
import { existsSync } from 'node:fs'
import type { ResetScope, ResetStep, StackLogLine, StackStatus } from '../../../src-preload/contract.ts'
import type { CoreEvents } from '../core-events.ts'
import { acquireDataLock } from '../data-lock.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { Task, TaskRegistry } from '../tasks.ts'
import { type Engine, findEngine } from './engine.ts'
import { type ProgressCallback, progressSlice } from './progress.ts'
import {
  CREDENTIALS_ID,
  type CredentialsPlace,
  credentialsFile,
  credentialVariables,
  ensureStackCredentials,
  readStackCredentials,
  renewStackCredentials,
  SEALED_ELSEWHERE,
} from './stack-credentials.ts'
import { down } from './stack-down.ts'
import { type StackEndpoints, stackEndpoints } from './stack-endpoints.ts'
import { watchEvents } from './stack-events.ts'
import { logs } from './stack-logs.ts'
import { readStackMarker, removeStackMarker, writeStackMarker } from './stack-marker.ts'
import type { StackPlan } from './stack-plan.ts'
import { previewReset, type ResetStepReport, reset } from './stack-reset.ts'
import { missingService, status } from './stack-status.ts'
import { type UpResult, up } from './stack-up.ts'
import { checkVolumeCredentials } from './volume-credentials.ts'

export interface StackServiceOptions {
  tasks: TaskRegistry
  events: CoreEvents
  dataDir: string
  composeFile: string
  env: Record<string, string | undefined>
  /** An engine endpoint to use instead of discovery (`unix:///…`, `tcp://…`). */
  engineSocket?: string
  /** Where the stack's generated credentials live (the user's configuration folder), and what seals them. */
  credentials: CredentialsPlace
  /** What a reset of scope `data` deletes: the local lake and its cache (run history included). */
  dataPaths: string[]
  /** Up has every service healthy: connect to them and, when asked, run the pipeline and publish. */
  afterUp(
    endpoints: StackEndpoints,
    task: Task,
    work: { pipeline: boolean; onProgress: ProgressCallback },
  ): Promise<Record<string, unknown>>
  /** The stack is gone (Down, Reset): the core goes back to the embedded default. */
  afterDown(): Promise<void>
}

export interface StackUpOutcome extends Record<string, unknown> {
  services: UpResult['services']
  links: StackEndpoints['links']
  /** What the user should know: a service running without credentials, and how to turn them on. */
  warnings: string[]
}

/** Status events are sent at most this often while the engine reports a burst of changes. */
const CHANGED_DEBOUNCE_MS = 300

export class StackService {
  private engineFound?: Promise<Engine>
  private watching?: AbortController
  private changedTimer?: NodeJS.Timeout

  constructor(private readonly options: StackServiceOptions) {}

  get composeFile(): string {
    return this.options.composeFile
  }

  /** Where the stack's credentials live, for what reads the stack's plan elsewhere (backends.ts). */
  get credentials(): CredentialsPlace {
    return this.options.credentials
  }

  /** The engine, found once; a failed search is forgotten so the next call looks again. */
  engine(): Promise<Engine> {
    this.engineFound ??= findEngine({
      env: this.options.env as NodeJS.ProcessEnv,
      ...(this.options.engineSocket ? { socketPath: this.options.engineSocket } : {}),
    })
    const found = this.engineFound
    found.catch(() => {
      if (this.engineFound === found) this.engineFound = undefined
    })
    return found
  }

  /**
   * The compose file read into a plan, with the profiles given or those Up last used, and the stack's
   * credentials except those of the services Up found running without them (or those named).
   */
  async plan(profiles?: string[], withoutAuth?: string[]): Promise<StackPlan> {
    const marker = readStackMarker(this.options.dataDir)
    const credentials = readStackCredentials(this.options.credentials)
    return this.readPlan(
      profiles ?? marker?.profiles ?? [],
      credentialVariables(credentials, withoutAuth ?? marker?.withoutAuth),
    )
  }

  /** The project's name and services, for what needs no credentials (Down, Reset, logs, events). */
  private projectPlan(): Promise<StackPlan> {
    return this.readPlan(readStackMarker(this.options.dataDir)?.profiles ?? [], {})
  }

  private async readPlan(profiles: string[], defaults: Record<string, string>): Promise<StackPlan> {
    // The compose reader (and its YAML parser) loads when the stack is first asked about.
    const { readComposeFile } = await import('./compose-file.ts')
    return readComposeFile(this.options.composeFile, { profiles, env: this.options.env, defaults })
  }

  /** Where the credentials are, whether they exist yet, and which services run without them. */
  private stackEnvStatus(withoutAuth: string[]): NonNullable<StackStatus['stackEnv']> {
    const file = credentialsFile(this.options.credentials.configDir)
    try {
      const credentials = readStackCredentials(this.options.credentials)
      return {
        file,
        state: credentials === undefined ? 'missing' : credentials.sealed ? 'sealed' : 'clear',
        withoutAuth,
      }
    } catch (err) {
      const state = (err as MedallionError).code === SEALED_ELSEWHERE ? 'sealed' : 'unreadable'
      return { file, state, problem: errorMessage(err), withoutAuth }
    }
  }

  async status(): Promise<StackStatus> {
    // One read of the marker: it says both which profiles Up used and whether the folder is on the stack.
    const marker = readStackMarker(this.options.dataDir)
    // With the credentials, so the containers' config hashes compare; credentials the file cannot give
    // (sealed, damaged) are reported below, and the services are listed anyway.
    const plan = await this.plan(marker?.profiles ?? []).catch(() => this.projectPlan())
    const base = {
      project: plan.project,
      composeFile: plan.file,
      active: marker !== undefined,
      links: stackEndpoints(plan, this.options.env).links,
      stackEnv: this.stackEnvStatus(marker?.withoutAuth ?? []),
    }
    let engine: Engine
    try {
      engine = await this.engine()
    } catch (err) {
      return { ...base, engineError: errorMessage(err), services: plan.services.map(missingService) }
    }
    const services = await status(engine, plan)
    return {
      ...base,
      engine: {
        kind: engine.kind,
        version: engine.version,
        endpoint: engine.endpoint,
        source: engine.source,
      },
      services: services.map(({ containerId: _, ...service }) => service),
    }
  }

  up(input: { profiles: string[]; pipeline: boolean }): { task: Task; done: Promise<StackUpOutcome> } {
    return this.options.tasks.run('stack', 'Stack up', async (task) => {
      const credentials = ensureStackCredentials(this.options.credentials)
      task.log(`stack credentials file: ${credentials.file}`)
      const engine = await this.engine()
      task.log(`engine: ${engine.kind} ${engine.version} at ${engine.endpoint} (${engine.source})`)
      const withCredentials = await this.plan(input.profiles, [])
      const { withoutAuth, warnings } = await checkVolumeCredentials(
        engine.docker,
        withCredentials,
        credentials.values[CREDENTIALS_ID] as string,
        credentials.file,
      )
      for (const warning of warnings) task.log(`warning: ${warning}`)
      const plan = withoutAuth.length === 0 ? withCredentials : await this.plan(input.profiles, withoutAuth)
      const report = (fraction: number, step: string) => task.progress(fraction, step)
      const result = await up(engine, plan, {
        onProgress: progressSlice(report, 0, 0.5),
        onLog: (line) => task.log(line),
        signal: task.signal,
      })
      for (const s of result.services) task.log(`${s.name}: ${s.action}`)
      writeStackMarker(this.options.dataDir, {
        project: plan.project,
        composeFile: plan.file,
        profiles: input.profiles,
        since: new Date().toISOString(),
        withoutAuth,
      })
      this.statusChanged()
      const endpoints = stackEndpoints(plan, this.options.env)
      const after = await this.options.afterUp(endpoints, task, {
        pipeline: input.pipeline,
        onProgress: progressSlice(report, 0.5, 1),
      })
      for (const [name, url] of Object.entries(endpoints.links)) task.log(`${name}: ${url}`)
      task.progress(1, 'Stack is up')
      return { services: result.services, links: endpoints.links, warnings, ...after }
    })
  }

  down(): { task: Task; done: Promise<{ containersRemoved: string[]; networksRemoved: string[] }> } {
    return this.options.tasks.run('stack', 'Stack down', async (task) => {
      const engine = await this.engine()
      const plan = await this.projectPlan()
      const result = await down(engine, plan.project, {
        onProgress: (fraction, step) => task.progress(fraction, step),
        onLog: (line) => task.log(line),
        signal: task.signal,
      })
      removeStackMarker(this.options.dataDir)
      await this.options.afterDown()
      task.log('volumes kept: Reset with the volumes scope deletes them')
      this.statusChanged()
      return result
    })
  }

  /** What a reset of `scope` would delete, step by step; nothing is deleted. */
  async previewReset(scope: ResetScope): Promise<ResetStep[]> {
    const plan = await this.projectPlan()
    return previewReset(await this.engineOrNone(scope), plan.project, scope, this.dataPaths(scope))
  }

  reset(scope: ResetScope): { task: Task; done: Promise<ResetStep[]> } {
    return this.options.tasks.run('stack', `Reset (${scope})`, async (task) => {
      const plan = await this.projectPlan()
      const engine = await this.engineOrNone(scope)
      if (!engine)
        task.log(
          'no container engine answers: only the local data is deleted, containers and volumes were not checked',
        )
      // Deleting the lake while a pipeline run writes it would leave neither.
      const lock = scope === 'data' ? acquireDataLock(this.options.dataDir, 'reset') : undefined
      let reports: Awaited<ReturnType<typeof reset>>
      try {
        reports = await reset(engine, plan.project, scope, this.dataPaths(scope), {
          onProgress: (fraction, step) => task.progress(fraction, step),
          signal: task.signal,
        })
      } finally {
        lock?.release()
      }
      removeStackMarker(this.options.dataDir)
      await this.options.afterDown()
      this.renewCredentialsAfter(reports, engine !== undefined, task)
      this.statusChanged()
      for (const step of reports) {
        task.log(
          `${step.scope}: ${step.deleted.length} deleted${step.items.length === 0 ? ' (nothing there)' : ''}`,
        )
        for (const item of step.deleted) task.log(`  deleted ${item.kind} ${item.name}`)
      }
      const failed = reports.flatMap((r) => r.failed)
      if (failed.length > 0) {
        throw new MedallionError(
          'reset_incomplete',
          `reset could not delete ${failed.map((f) => `${f.item.kind} ${f.item.name} (${f.reason})`).join('; ')}`,
        )
      }
      return reports.map(({ scope: s, deleted }) => ({ scope: s, items: deleted }))
    })
  }

  /** A service's recent log lines (not followed): tail, since, search. */
  async logs(input: {
    service: string
    tail: number
    since?: string
    search?: string
  }): Promise<StackLogLine[]> {
    const plan = await this.projectPlan()
    if (!plan.services.some((s) => s.name === input.service)) {
      throw new MedallionError(
        'invalid_input',
        `no service "${input.service}" in ${plan.file} (services: ${plan.services.map((s) => s.name).join(', ')})`,
      )
    }
    const lines: StackLogLine[] = []
    for await (const line of logs(await this.engine(), plan.project, input.service, {
      tail: input.tail,
      ...(input.since ? { since: new Date(input.since) } : {}),
      ...(input.search ? { search: input.search } : {}),
    })) {
      lines.push({ ...(line.time ? { time: line.time } : {}), stream: line.stream, text: line.text })
    }
    return lines
  }

  /** Sends `stack.changed` whenever the engine reports a change to the project's containers. */
  async watch(): Promise<void> {
    if (this.watching) return
    const controller = new AbortController()
    this.watching = controller
    try {
      const [engine, plan] = await Promise.all([this.engine(), this.projectPlan()])
      void watchEvents(engine, plan.project, () => this.statusChanged(), controller.signal, {
        onConnection: (connected) => {
          if (connected) this.statusChanged()
        },
      })
    } catch {
      // No engine or no compose file: status calls say why; watching starts with the next Up.
      this.watching = undefined
    }
  }

  close(): void {
    this.watching?.abort()
    this.watching = undefined
    clearTimeout(this.changedTimer)
  }

  private statusChanged(): void {
    clearTimeout(this.changedTimer)
    this.changedTimer = setTimeout(() => {
      this.status()
        .then((current) => this.options.events.emit('stack.changed', current))
        .catch(() => {})
    }, CHANGED_DEBOUNCE_MS)
    this.changedTimer.unref()
  }

  /**
   * Once every volume the credentials protected is gone, new credentials: the next Up creates fresh
   * volumes with them (authentication on). Kept when a volume stayed, or no engine could check them.
   */
  private renewCredentialsAfter(reports: ResetStepReport[], engineChecked: boolean, task: Task): void {
    const volumes = reports.find((report) => report.scope === 'volumes')
    if (!engineChecked || !volumes || volumes.failed.length > 0) return
    if (!existsSync(credentialsFile(this.options.credentials.configDir))) return
    const renewed = renewStackCredentials(this.options.credentials)
    task.log(`new credentials in ${renewed.file}: the next Up creates the volumes with them`)
  }

  private dataPaths(scope: ResetScope): string[] {
    return scope === 'data' ? this.options.dataPaths : []
  }

  /** A reset of local data needs no engine: without one it deletes the data and says the rest was not there. */
  private async engineOrNone(scope: ResetScope): Promise<Engine | undefined> {
    try {
      return await this.engine()
    } catch (err) {
      if (scope === 'data') return undefined
      throw err
    }
  }
}
