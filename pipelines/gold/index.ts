/**
 * Gold layer: pure functions of the silver frames (spec §4, the derived tables of §6.4, and cohort_retention,
 * new). Deliberate differences from the original are listed in docs/differences.md.
 */
import type pl from 'nodejs-polars'
import { emptyPredictions } from '../ml/prediction-columns.ts'
import { HORIZON_DAYS } from '../schema.ts'
import { rowCount, type TableFrame } from '../table-frame.ts'
import { buildCohort } from './cohort.ts'
import { formatTimestamp } from './day-count.ts'
import { buildDaily, buildMonthlyGrowth, buildWeekly } from './derived.ts'
import { buildDimClients } from './dim-clients.ts'
import { buildDistribution } from './distribution.ts'
import { buildFact, referenceMicros } from './fact.ts'
import { buildFeatures, clientAggregates } from './features.ts'
import { prepareInputs } from './inputs.ts'
import { buildRetention } from './retention.ts'
import { buildCaCountry, buildCaMonthly, buildCaProduct } from './sales.ts'
import { buildScores } from './scores.ts'
import { buildSegmentSummary } from './segment-summary.ts'

export const GOLD_TABLES = [
  'fact_achats',
  'dim_clients',
  'client_features',
  'client_scores',
  'segment_summary',
  'ca_monthly',
  'ca_country',
  'ca_product',
  'cohort_first_purchase',
  'daily',
  'weekly',
  'distribution',
  'monthly_growth',
  'cohort_retention',
  'client_predictions',
] as const
export type GoldTableName = (typeof GOLD_TABLES)[number]

export interface GoldResult {
  /** max(date_achat), 'YYYY-MM-DD HH:MM:SS'. */
  referenceDate: string
  tables: Record<GoldTableName, pl.DataFrame>
}

export interface GoldOptions {
  horizonDays?: number
  /** Called once per table as soon as it is built, with the table and its build time in milliseconds. */
  onTable?: (name: GoldTableName, table: pl.DataFrame, ms: number) => void
}

export const NO_PURCHASE_MESSAGE = 'gold: no valid purchase reaches gold (Aucun achat valide en entrée gold)'

export function buildGold(
  silver: { clients: pl.DataFrame; achats: TableFrame },
  opts: GoldOptions = {},
): GoldResult {
  const horizonDays = opts.horizonDays ?? HORIZON_DAYS
  if (!Number.isInteger(horizonDays) || horizonDays <= 0) {
    throw new Error(`gold: horizonDays must be a positive integer, got ${horizonDays}`)
  }
  const { clients, achats } = prepareInputs(silver)
  if (rowCount(achats) === 0) throw new Error(NO_PURCHASE_MESSAGE)

  const tables: Partial<Record<GoldTableName, pl.DataFrame>> = {}
  const timed = <T>(work: () => T): [T, number] => {
    const start = performance.now()
    const value = work()
    return [value, performance.now() - start]
  }
  const emit = (name: GoldTableName, build: () => pl.DataFrame, extraMs = 0): pl.DataFrame => {
    const [frame, ms] = timed(build)
    tables[name] = frame
    opts.onTable?.(name, frame, ms + extraMs)
    return frame
  }

  const fact = emit('fact_achats', () => buildFact(clients, achats))
  const reference = referenceMicros(fact)
  // Shared per-client aggregates; their cost is reported with client_features.
  const [aggregates, aggregateMs] = timed(() => clientAggregates(fact, reference, horizonDays))

  emit('dim_clients', () => buildDimClients(clients, aggregates, reference, horizonDays))
  const features = emit(
    'client_features',
    () => buildFeatures(clients, aggregates, reference, horizonDays),
    aggregateMs,
  )
  const scores = emit('client_scores', () => buildScores(features, horizonDays))
  emit('segment_summary', () => buildSegmentSummary(scores))
  const caMonthly = emit('ca_monthly', () => buildCaMonthly(fact))
  emit('ca_country', () => buildCaCountry(fact))
  emit('ca_product', () => buildCaProduct(fact))
  emit('cohort_first_purchase', () => buildCohort(aggregates))
  emit('daily', () => buildDaily(fact))
  emit('weekly', () => buildWeekly(fact))
  emit('distribution', () => buildDistribution(fact))
  emit('monthly_growth', () => buildMonthlyGrowth(caMonthly))
  emit('cohort_retention', () => buildRetention(fact))
  // Filled by a training of the predictor (pipelines/ml/); empty until then, so every gold can be published.
  emit('client_predictions', emptyPredictions)

  return { referenceDate: formatTimestamp(reference), tables: tables as Record<GoldTableName, pl.DataFrame> }
}
