/**
 * Where MLflow is, found as every other setting is (settings-resolve.ts): MLFLOW_TRACKING_URI, then
 * settings.json as read when the core started, then the stack's MLflow when Up connected this data folder
 * (its host port, 5001 by default, from stack-endpoints.ts), else nowhere; with its credentials
 * (mlflow-auth.ts). Also whether it answers, and how to start it if not.
 */

import type { MlflowStatus } from '../../../src-preload/contract-ml.ts'
import { errorMessage } from '../errors.ts'
import type { SecretBox } from '../settings/secret-box.ts'
import { readSavedSettings, type SavedSettings } from '../settings/settings-env.ts'
import { resolveSettings } from '../settings/settings-resolve.ts'
import { stackSettings } from '../settings/stack-settings.ts'
import { readStackMarker } from '../stack/stack-marker.ts'
import type { StackPlan } from '../stack/stack-plan.ts'
import { type MlflowAuth, mlflowEndpoint } from './mlflow-auth.ts'
import { MlflowClient } from './mlflow-client.ts'

export interface MlflowLocationSources {
  dataDir: string
  env: Record<string, string | undefined>
  secretBox?: SecretBox
  /** settings.json as the core read it at start (endpoints apply at the next start); else read now. */
  saved?: SavedSettings
  /** The stack's plan, read only when the data folder is on the stack. */
  stackPlan(): Promise<StackPlan>
}

export interface MlflowLocation {
  /** An http(s) address of a tracking server, when one is configured, without userinfo. */
  uri?: string
  /** The credentials to send, never part of `uri`. */
  auth?: MlflowAuth
  /** What was done with credentials written into the URI. */
  note?: string
  source: string
  /** Why there is no usable address. */
  problem?: string
}

/** The stack's MLflow as published on this machine (compose: 127.0.0.1:${MLFLOW_PORT:-5001}). */
export const STACK_MLFLOW = 'http://127.0.0.1:5001'

const HOW_TO_START =
  `start it with \`medallion up\` (the stack's MLflow answers at ${STACK_MLFLOW}), or run ` +
  '`mlflow server --host 127.0.0.1 --port 5001` (scripts/setup-python.sh installs it) and set ' +
  'MLFLOW_TRACKING_URI=http://127.0.0.1:5001 (or the MLflow setting)'

export async function mlflowLocation(sources: MlflowLocationSources): Promise<MlflowLocation> {
  const saved = sources.saved ?? readSavedSettings(sources.dataDir, sources.env, sources.secretBox)
  let stack: ReturnType<typeof stackSettings> | undefined
  let stackProblem: string | undefined
  if (readStackMarker(sources.dataDir)) {
    try {
      stack = stackSettings(await sources.stackPlan())
    } catch (err) {
      stackProblem = `the stack this data folder is on cannot be read (${errorMessage(err)})`
    }
  }
  const resolved = resolveSettings({ env: sources.env, saved, ...(stack ? { stack } : {}) })
  const { value, source } = resolved.mlflowTrackingUri
  if (!value) return { source, problem: stackProblem ?? 'MLFLOW_TRACKING_URI is not set' }
  const { uri, auth, note } = mlflowEndpoint(value, resolved, source)
  if (!/^https?:\/\/\S+$/i.test(uri)) {
    return {
      source,
      problem: `the MLflow tracking URI (${source}) is ${uri}: Medallion talks to a tracking server over http(s)`,
    }
  }
  return { uri, source, ...(auth ? { auth } : {}), ...(note ? { note } : {}) }
}

/** A client of the located MLflow, with its credentials. */
export function mlflowClient(location: MlflowLocation & { uri: string }, timeoutMs?: number): MlflowClient {
  return new MlflowClient(location.uri, {
    ...(location.auth ? { auth: location.auth } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  })
}

/** The run in MLflow's UI (MLflow's own "View run" link). */
export function mlflowRunUrl(uri: string, experimentId: string, runId: string): string {
  return `${uri.replace(/\/+$/, '')}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`
}

/** Whether MLflow answers; `detail` says what to do when it does not. */
export async function mlflowStatus(location: MlflowLocation, dataDir: string): Promise<MlflowStatus> {
  const local = `trainings are recorded in ${dataDir}/ml/runs.jsonl meanwhile`
  const note = location.note ? ` Note: ${location.note}.` : ''
  if (!location.uri) {
    return {
      source: location.source,
      reachable: false,
      detail: `${location.problem ?? 'no MLflow is configured'}: ${local}. To track them in MLflow, ${HOW_TO_START}.`,
    }
  }
  const problem = await mlflowClient({ ...location, uri: location.uri }, 3_000).healthProblem()
  if (!problem) {
    return {
      uri: location.uri,
      source: location.source,
      reachable: true,
      detail: `MLflow answers at ${location.uri}.${note}`,
    }
  }
  return {
    uri: location.uri,
    source: location.source,
    reachable: false,
    detail: `MLflow does not answer at ${location.uri} (${location.source}; ${problem}): ${local}. ${HOW_TO_START[0]?.toUpperCase()}${HOW_TO_START.slice(1)}.${note}`,
  }
}
