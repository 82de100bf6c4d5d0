/**
 * Medallion's own variables for environment.json: only the MEDALLION_, MONGO_, MINIO_, MLFLOW_, SPARK_ and
 * DOCKER_ ones (the rest of an environment is none of our business), their values redacted.
 */
import { isSecretName, REDACTED, redactText } from '../redact.ts'

export const VARIABLE_PREFIXES = ['MEDALLION_', 'MONGO_', 'MINIO_', 'MLFLOW_', 'SPARK_', 'DOCKER_'] as const

/** DOCKER_AUTH_CONFIG and the like hold credentials without saying "secret". */
function wholeValueIsSecret(name: string): boolean {
  return isSecretName(name) || /AUTH/i.test(name)
}

export function medallionVariables(
  env: NodeJS.ProcessEnv,
  secrets: Iterable<string>,
): Record<string, string> {
  const known = [...secrets]
  const names = Object.keys(env)
    .filter((name) => VARIABLE_PREFIXES.some((prefix) => name.toUpperCase().startsWith(prefix)))
    .sort()
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = env[name] ?? ''
    out[name] = value && wholeValueIsSecret(name) ? REDACTED : redactText(value, known)
  }
  return out
}
