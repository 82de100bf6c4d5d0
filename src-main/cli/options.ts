/** The `medallion` command's flags (node:util parseArgs), shared by every command. */
import type { parseArgs } from 'node:util'

export const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  clients: { type: 'string' },
  purchases: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  dirty: { type: 'string' },
  dialect: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  input: { type: 'string' },
  engine: { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  decimal: { type: 'string' },
  'date-format': { type: 'string' },
  'max-reject-share': { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  sort: { type: 'string' },
  run: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'web-root': { type: 'string' },
  'token-file': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  profile: { type: 'string', multiple: true },
  'skip-pipeline': { type: 'boolean', default: false },
  scope: { type: 'string' },
  yes: { type: 'boolean', default: false },
  follow: { type: 'boolean', short: 'f', default: false },
  tail: { type: 'string' },
  since: { type: 'string' },
  search: { type: 'string' },
  export: { type: 'string' },
  compose: { type: 'string' },
  kind: { type: 'string' },
  scales: { type: 'string' },
  horizon: { type: 'string' },
  clusters: { type: 'string' },
  tz: { type: 'string' },
  'catch-up': { type: 'boolean', default: false },
  publish: { type: 'boolean', default: false },
  train: { type: 'string' },
  'last-import': { type: 'boolean', default: false },
  settle: { type: 'string' },
} as const

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values']

export const TOKEN_ENV = 'MEDALLION_TOKEN'

/** Said when someone tries `--token <value>`: there is no such flag, on purpose. */
export const TOKEN_FLAG_HINT = `a token is never given on the command line (other users see it in \`ps\`): set ${TOKEN_ENV} or use --token-file FILE`
