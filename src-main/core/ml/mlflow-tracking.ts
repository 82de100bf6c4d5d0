/**
 * One training as an MLflow run: created RUNNING before the work starts, then its params, metrics, tags
 * and artifacts, then FINISHED — or FAILED / KILLED with the reason as a tag. `end` never throws, so a
 * caller can always close the run on its way out and no run is left RUNNING by a failure on our side.
 */
import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { MlflowRunLink } from '../../../src-preload/contract-ml.ts'
import { errorMessage } from '../errors.ts'
import type { KeyValue } from './mlflow-batches.ts'
import type { MlflowClient, MlflowRunInfo, MlflowRunStatus } from './mlflow-client.ts'
import { type MlflowLocation, mlflowClient, mlflowRunUrl } from './mlflow-location.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
}

/** MLflow keeps tag values up to 8,000 characters (5,000 on older servers): an error message stays below. */
const MAX_TAG_VALUE = 4_000

export class TrackedRun {
  private constructor(
    private readonly client: MlflowClient,
    readonly uri: string,
    readonly info: MlflowRunInfo,
  ) {}

  /** Creates the run (RUNNING) in the experiment, which is created on first use. */
  static async start(
    location: MlflowLocation & { uri: string },
    experiment: string,
    runName: string,
    tags: KeyValue[],
  ): Promise<TrackedRun> {
    const client = mlflowClient(location)
    const experimentId = await client.experimentId(experiment)
    return new TrackedRun(client, location.uri, await client.createRun(experimentId, runName, tags))
  }

  get link(): MlflowRunLink {
    return {
      trackingUri: this.uri,
      experimentId: this.info.experiment_id,
      runId: this.info.run_id,
      url: mlflowRunUrl(this.uri, this.info.experiment_id, this.info.run_id),
    }
  }

  /** Params, metrics and tags in batches, then each artifact file (paths relative to `dir`). */
  async record(
    logged: { params: Record<string, string>; metrics: Record<string, number>; tags: Record<string, string> },
    dir: string,
    artifacts: readonly string[],
  ): Promise<void> {
    const timestamp = Date.now()
    await this.client.logBatch(this.info.run_id, {
      params: Object.entries(logged.params).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(logged.metrics)
        .filter(([, value]) => Number.isFinite(value))
        .map(([key, value]) => ({ key, value, timestamp, step: 0 })),
      tags: Object.entries(logged.tags).map(([key, value]) => ({ key, value })),
    })
    for (const path of artifacts) {
      const body = new Uint8Array(await readFile(join(dir, path)))
      await this.client.uploadArtifact(
        this.info,
        path,
        body,
        CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      )
    }
  }

  /** Ends the run; returns why it could not, instead of throwing. */
  async end(
    status: Exclude<MlflowRunStatus, 'RUNNING' | 'SCHEDULED'>,
    error?: string,
  ): Promise<string | undefined> {
    try {
      if (error) await this.client.setTag(this.info.run_id, 'medallion.error', error.slice(0, MAX_TAG_VALUE))
    } catch {
      // The status matters more than the reason: still try to end the run.
    }
    try {
      await this.client.updateRun(this.info.run_id, status)
      return undefined
    } catch (err) {
      return `MLflow run ${this.info.run_id} could not be marked ${status}: ${errorMessage(err)}`
    }
  }
}
