/**
 * The columns of the client tables: the scores field each shows, its header and how its value reads. The
 * two lists are the original's "Top opportunités" columns.
 */
import type { Row } from '../../../../src-preload/contract.ts'
import { formatKpi } from '../../../pages/overview-format.ts'
import { COLUMN_LABELS } from '../../export/column-labels.ts'
import { formatCountOf, formatProbability } from '../format.ts'
import { numberOf } from '../row-values.ts'

export type ScoreField =
  | 'id_client'
  | 'segment_label'
  | 'prob_reachat_12m'
  | 'expected_value_12m'
  | 'value_at_risk_12m'
  | 'recency_days'
  | 'freq_12m'
  | 'monetary_12m'

export interface ScoreColumn {
  field: ScoreField
  label: string
  /** Numbers sort largest first on the first click; text smallest first. */
  numeric: boolean
}

/** Headers from the catalog of column labels, which the tables' CSV exports use too. */
const column = (field: ScoreField, numeric: boolean): ScoreColumn => ({
  field,
  label: COLUMN_LABELS[field],
  numeric,
})

const COLUMN: Record<ScoreField, ScoreColumn> = {
  id_client: column('id_client', false),
  segment_label: column('segment_label', false),
  prob_reachat_12m: column('prob_reachat_12m', true),
  expected_value_12m: column('expected_value_12m', true),
  value_at_risk_12m: column('value_at_risk_12m', true),
  recency_days: column('recency_days', true),
  freq_12m: column('freq_12m', true),
  monetary_12m: column('monetary_12m', true),
}

/** The client, their segment, the figure they are ranked by, then what it comes from. */
function rankedColumns(rankedBy: ScoreField): ScoreColumn[] {
  const fields = [
    'id_client',
    'segment_label',
    rankedBy,
    'prob_reachat_12m',
    'recency_days',
    'freq_12m',
    'monetary_12m',
  ] as const
  return fields.map((f) => COLUMN[f])
}

export const OPPORTUNITY_COLUMNS = rankedColumns('expected_value_12m')
export const AT_RISK_COLUMNS = rankedColumns('value_at_risk_12m')

const MONEY_FIELDS: ReadonlySet<ScoreField> = new Set([
  'expected_value_12m',
  'value_at_risk_12m',
  'monetary_12m',
])

/** A numeric cell as shown (money, probability or count). */
export function formatScore(row: Row, field: ScoreField): string {
  const value = numberOf(row, field)
  if (MONEY_FIELDS.has(field)) return formatKpi('money', value)
  if (field === 'prob_reachat_12m') return formatProbability(value)
  return formatCountOf(value)
}
