/**
 * A small typed client of MLflow's tracking REST API (2.0) and its artifact proxy: experiments, runs,
 * batched logging, tags, status, search, and artifact uploads through the tracking server (`PUT
 * /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>`, the server's default
 * `--serve-artifacts`). Failures are MedallionErrors: `mlflow_unreachable` when nothing answers, else
 * `mlflow_error` with MLflow's own error code kept in `mlflowCode`. Credentials go in the Authorization
 * header; redirects are refused (a redirect would carry the model, the report and that header elsewhere),
 * and a foreign answer is quoted only as a short, redacted excerpt.
 */
import { errorMessage, MedallionError } from '../errors.ts'
import { foreignExcerpt } from '../redact.ts'
import { authorizationHeader, type MlflowAuth } from './mlflow-auth.ts'
import { type KeyValue, type LogBatch, splitLogBatch } from './mlflow-batches.ts'

export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED'

export interface MlflowRunInfo {
  run_id: string
  experiment_id: string
  run_name?: string
  status: MlflowRunStatus
  start_time: number
  end_time?: number
  artifact_uri: string
  lifecycle_stage: string
}

export interface MlflowRun {
  info: MlflowRunInfo
  data: {
    metrics?: { key: string; value: number; timestamp: number; step: number }[]
    params?: KeyValue[]
    tags?: KeyValue[]
  }
}

export class MlflowError extends MedallionError {
  constructor(
    code: 'mlflow_unreachable' | 'mlflow_error',
    message: string,
    /** MLflow's error code (RESOURCE_DOES_NOT_EXIST…), when it answered with one. */
    readonly mlflowCode?: string,
  ) {
    super(code, message)
  }
}

const DEFAULT_TIMEOUT_MS = 10_000
/** search-runs pages; the REST maximum is 50,000, this is plenty for a panel's history. */
const SEARCH_PAGE = 1000
const SEARCH_MAX_PAGES = 10

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400
}

export class MlflowClient {
  readonly baseUrl: string
  private readonly timeoutMs: number
  private readonly headers: Record<string, string>

  constructor(baseUrl: string, options: { timeoutMs?: number; auth?: MlflowAuth } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.headers = options.auth ? { Authorization: authorizationHeader(options.auth) } : {}
  }

  /** True when the server answers its health check. */
  async healthy(): Promise<boolean> {
    return (await this.healthProblem()) === undefined
  }

  /** Why the health check fails (nothing answers, a redirect, an HTTP error), or undefined when it passes. */
  async healthProblem(): Promise<string | undefined> {
    try {
      const response = await fetch(`${this.baseUrl}/health`, {
        headers: this.headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      await response.body?.cancel()
      if (isRedirect(response.status)) {
        return `a redirect (HTTP ${response.status}), which Medallion does not follow: set the tracking URI to the address MLflow answers at`
      }
      return response.ok ? undefined : `HTTP ${response.status} from its health check`
    } catch (err) {
      return `no answer: ${foreignExcerpt(errorMessage(err))}`
    }
  }

  private redirected(status: number): string {
    return `MLflow at ${this.baseUrl} answered with a redirect (HTTP ${status}), which Medallion does not follow: set the tracking URI to the address MLflow answers at`
  }

  /** The experiment's id, creating it when missing (a concurrent creation is tolerated). */
  async experimentId(name: string): Promise<string> {
    const existing = await this.experimentByName(name)
    if (existing) return existing
    try {
      const created = await this.call<{ experiment_id: string }>('POST', 'experiments/create', { name })
      return created.experiment_id
    } catch (err) {
      if (err instanceof MlflowError && err.mlflowCode === 'RESOURCE_ALREADY_EXISTS') {
        const raced = await this.experimentByName(name)
        if (raced) return raced
      }
      throw err
    }
  }

  async experimentByName(name: string): Promise<string | undefined> {
    try {
      const found = await this.call<{ experiment: { experiment_id: string } }>(
        'GET',
        `experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`,
      )
      return found.experiment.experiment_id
    } catch (err) {
      if (err instanceof MlflowError && err.mlflowCode === 'RESOURCE_DOES_NOT_EXIST') return undefined
      throw err
    }
  }

  async createRun(experimentId: string, runName: string, tags: KeyValue[] = []): Promise<MlflowRunInfo> {
    const created = await this.call<{ run: MlflowRun }>('POST', 'runs/create', {
      experiment_id: experimentId,
      run_name: runName,
      start_time: Date.now(),
      tags,
    })
    return created.run.info
  }

  /** Logs metrics, params and tags, in as many requests as MLflow's per-request limits need. */
  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    for (const request of splitLogBatch(batch))
      await this.call('POST', 'runs/log-batch', { run_id: runId, ...request })
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.call('POST', 'runs/set-tag', { run_id: runId, key, value })
  }

  async updateRun(runId: string, status: MlflowRunStatus): Promise<MlflowRunInfo> {
    const updated = await this.call<{ run_info: MlflowRunInfo }>('POST', 'runs/update', {
      run_id: runId,
      status,
      end_time: Date.now(),
    })
    return updated.run_info
  }

  async getRun(runId: string): Promise<MlflowRun> {
    return (await this.call<{ run: MlflowRun }>('GET', `runs/get?run_id=${encodeURIComponent(runId)}`)).run
  }

  /** Runs of the experiments, newest first, following page tokens (active runs only). */
  async searchRuns(experimentIds: string[], filter = ''): Promise<MlflowRun[]> {
    const runs: MlflowRun[] = []
    let pageToken: string | undefined
    for (let page = 0; page < SEARCH_MAX_PAGES; page++) {
      const found = await this.call<{ runs?: MlflowRun[]; next_page_token?: string }>('POST', 'runs/search', {
        experiment_ids: experimentIds,
        filter,
        run_view_type: 'ACTIVE_ONLY',
        max_results: SEARCH_PAGE,
        order_by: ['attributes.start_time DESC'],
        ...(pageToken ? { page_token: pageToken } : {}),
      })
      runs.push(...(found.runs ?? []))
      pageToken = found.next_page_token
      if (!pageToken) break
    }
    return runs
  }

  /** Uploads one file into the run's artifacts through the server's artifact proxy. */
  async uploadArtifact(
    run: MlflowRunInfo,
    path: string,
    body: Uint8Array<ArrayBuffer>,
    contentType: string,
  ): Promise<void> {
    const url = `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${proxyPath(run.artifact_uri)}/${path
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`
    await this.request('PUT', url, body, contentType, `upload of ${path}`)
  }

  private async call<T>(method: 'GET' | 'POST', endpoint: string, body?: unknown): Promise<T> {
    const text = await this.request(
      method,
      `${this.baseUrl}/api/2.0/mlflow/${endpoint}`,
      body === undefined ? undefined : JSON.stringify(body),
      'application/json',
      endpoint.split('?')[0] ?? endpoint,
    )
    return (text ? JSON.parse(text) : {}) as T
  }

  private async request(
    method: string,
    url: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    contentType: string,
    what: string,
  ): Promise<string> {
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? this.headers : { ...this.headers, 'Content-Type': contentType },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (err) {
      throw new MlflowError(
        'mlflow_unreachable',
        `MLflow at ${this.baseUrl} did not answer (${what}): ${foreignExcerpt(errorMessage(err))}`,
      )
    }
    if (isRedirect(response.status)) {
      await response.body?.cancel()
      throw new MlflowError('mlflow_error', `${this.redirected(response.status)} (${what})`)
    }
    const text = await response.text()
    if (response.ok) return text
    let answer: { error_code?: unknown; message?: unknown } = {}
    try {
      const parsed: unknown = JSON.parse(text)
      answer = typeof parsed === 'object' && parsed !== null ? parsed : { message: text }
    } catch {
      answer = { message: text }
    }
    const code = typeof answer.error_code === 'string' ? foreignExcerpt(answer.error_code, [], 64) : undefined
    const message = typeof answer.message === 'string' ? foreignExcerpt(answer.message) : ''
    throw new MlflowError(
      'mlflow_error',
      `MLflow at ${this.baseUrl} refused ${what} (HTTP ${response.status}${code ? `, ${code}` : ''}): ${message}`.trim(),
      code,
    )
  }
}

/**
 * `mlflow-artifacts:/1/<run>/artifacts` (or with an authority, `mlflow-artifacts://host/1/…`) as the
 * proxy's path `1/<run>/artifacts`. Any other artifact URI is a store the server does not proxy.
 */
export function proxyPath(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri)
  if (!match?.[1]) {
    throw new MlflowError(
      'mlflow_error',
      `MLflow stores this run's artifacts at ${artifactUri}, which its server does not proxy: start the server with --serve-artifacts (its default) and --artifacts-destination`,
    )
  }
  return match[1].replace(/\/+$/, '')
}
