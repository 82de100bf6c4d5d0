/**
 * MLflow's credentials, by MLflow's own names: MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (HTTP
 * Basic), else MLFLOW_TRACKING_TOKEN (Bearer), from the environment or the settings (secrets encrypted).
 * They travel in the Authorization header only: a URI written with `user:password@` is used without them,
 * its userinfo taken as the credentials when none are set otherwise.
 */

import { percentDecoded, stripUserinfo } from '../redact.ts'
import type { ResolvedSetting } from '../settings/settings-resolve.ts'

export type MlflowAuth = { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string }

export type MlflowCredentialSettings = Record<
  'mlflowUsername' | 'mlflowPassword' | 'mlflowToken',
  Pick<ResolvedSetting, 'value'>
>

/** The header value MLflow's own client sends for these credentials. */
export function authorizationHeader(auth: MlflowAuth): string {
  return auth.kind === 'basic'
    ? `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`
    : `Bearer ${auth.token}`
}

export interface MlflowEndpoint {
  /** The URI without userinfo: what is called, shown and recorded. */
  uri: string
  auth?: MlflowAuth
  /** Set when the URI carried userinfo: what was done with it. */
  note?: string
}

/** As MLflow's client does: a user name with a password is Basic, else a token is Bearer. */
export function mlflowEndpoint(
  rawUri: string,
  settings: MlflowCredentialSettings,
  source: string,
): MlflowEndpoint {
  const { url, user, password } = stripUserinfo(rawUri)
  const uri = url.replace(/\/+$/, '')
  const username = settings.mlflowUsername.value
  const secret = settings.mlflowPassword.value
  const token = settings.mlflowToken.value
  let auth: MlflowAuth | undefined
  if (username && secret !== undefined) auth = { kind: 'basic', user: username, password: secret }
  else if (token) auth = { kind: 'bearer', token }
  if (user === undefined && password === undefined) return { uri, ...(auth ? { auth } : {}) }
  const fromUri = !auth
  if (fromUri)
    auth = { kind: 'basic', user: percentDecoded(user ?? ''), password: percentDecoded(password ?? '') }
  const note = `the MLflow tracking URI (${source}) carries a user name${password === undefined ? '' : ' and password'}: ${
    fromUri
      ? 'they are sent as an Authorization header'
      : 'they are ignored for the credentials set beside it'
  }, never in the URI; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or the MLflow settings) instead`
  return { uri, ...(auth ? { auth } : {}), note }
}
