/**
 * The original's committed inputs and its gold at full precision (`../shared/fixtures/seed`, next to the repo
 * root), loaded as silver-typed frames. Tests skip with `SEED_SKIP_REASON` when the fixtures are absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pl from 'nodejs-polars'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SEED_DIR = resolve(repoRoot, '..', 'shared', 'fixtures', 'seed')
export const SEED_EXPECTED_DIR = join(SEED_DIR, 'expected')

export const seedAvailable =
  existsSync(join(SEED_DIR, 'clients.csv')) &&
  existsSync(join(SEED_DIR, 'achats.csv')) &&
  existsSync(join(SEED_EXPECTED_DIR, 'summary.json'))

export const SEED_SKIP_REASON = `seed fixtures not found in ${SEED_DIR} (expected clients.csv, achats.csv and expected/)`

/** Every column as text, as written (no type inference). */
export function readCsvAsText(path: string): pl.DataFrame {
  return pl.readCSV(readFileSync(path, 'utf8'), { inferSchemaLength: 0 })
}

function timestamp(column: string, format: string): pl.Expr {
  return pl.col(column).str.strptime(pl.Datetime, format).cast(pl.Datetime('us')).alias(column)
}

/** The seed inputs typed as silver (spec §3: nothing is dropped on this data; the country keeps "UK"). */
export function loadSeedSilver(): { clients: pl.DataFrame; achats: pl.DataFrame } {
  const clients = readCsvAsText(join(SEED_DIR, 'clients.csv')).select(
    pl.col('id_client').cast(pl.Int64),
    pl.col('nom').str.strip(),
    pl.col('email').str.strip().str.toLowerCase(),
    timestamp('date_inscription', '%Y-%m-%d'),
    pl.col('pays').str.strip(),
  )
  const achats = readCsvAsText(join(SEED_DIR, 'achats.csv')).select(
    pl.col('id_achat').cast(pl.Int64),
    pl.col('id_client').cast(pl.Int64),
    timestamp('date_achat', '%Y-%m-%d %H:%M:%S'),
    pl.col('montant').cast(pl.Float64),
    pl.col('produit').str.strip(),
  )
  return { clients, achats }
}

export function readExpectedSummary(): SeedSummary {
  return JSON.parse(readFileSync(join(SEED_EXPECTED_DIR, 'summary.json'), 'utf8')) as SeedSummary
}

export interface SeedSummary {
  reference_date: string
  rows: Record<string, number>
  total_ca: number
  total_achats: number
  total_clients: number
  expected_total: number
  segments: Record<string, number>
}
