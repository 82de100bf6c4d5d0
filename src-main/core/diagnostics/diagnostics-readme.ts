/** README.txt: what the archive is, when it was made, what it holds and how it was redacted. */
import { MIN_SECRET_LENGTH, REDACTED } from '../redact.ts'
import { VARIABLE_PREFIXES } from './environment-variables.ts'

export interface ReadmeFacts {
  madeAt: Date
  medallionVersion?: string
  /** How many known secret values were searched for (never the values). */
  secretCount: number
  /** Each entry after README.txt with a line on what it holds. */
  contents: { entry: string; about: string }[]
  /** Logs that could not be included, with why. */
  missingLogs: { path: string; why: string }[]
}

export function readmeText(facts: ReadmeFacts): string {
  const version = facts.medallionVersion ? ` ${facts.medallionVersion}` : ''
  const lines = [
    'Medallion diagnostics',
    '=====================',
    '',
    `Made ${facts.madeAt.toISOString()} by Medallion${version} (Help > Export diagnostics, or`,
    '`medallion diagnostics`). It shows someone helping you what your Medallion is doing: versions,',
    'settings, the last pipeline runs, the stack status, the end of each log, and which of its variables',
    'are set. None of your data (sources, lake tables, served collections) is in it.',
    '',
    'What was redacted, and how',
    '--------------------------',
    `Every file below went through one redactor before it was written; what it removed reads ${REDACTED}:`,
    '- the password of every URL (scheme://user:password@host): user names and hosts are kept;',
    '- values of fields named like secrets (password, secret, token, API key, secret access key,',
    '  credentials, authorization, cookie); access key ids are not secrets and stay;',
    '- in text: password=***, secret=***, token=*** pairs, Authorization and Cookie headers, bearer tokens;',
    `- every occurrence of ${facts.secretCount} known secret value(s), as written, URL-encoded or base64:`,
    '  the passwords in MONGO_URL, MONGO_URI and MLFLOW_TRACKING_URI, MINIO_SECRET_KEY,',
    '  AWS_SECRET_ACCESS_KEY, every *_PASSWORD, *_SECRET, *_TOKEN and *_SECRET_KEY variable, and the',
    `  secrets of the saved settings (values shorter than ${MIN_SECRET_LENGTH} characters are not searched for).`,
    `environment.json lists only the ${VARIABLE_PREFIXES.join(', ')} variables.`,
    'Redaction removes what it recognises: look through the files before you share them.',
    '',
    'Contents',
    '--------',
    ...facts.contents.map(({ entry, about }) => `${entry}: ${about}`),
  ]
  if (facts.missingLogs.length > 0) {
    lines.push('', 'Logs not included:', ...facts.missingLogs.map(({ path, why }) => `- ${path}: ${why}`))
  }
  return `${lines.join('\n')}\n`
}
