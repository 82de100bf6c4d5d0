/** The headline figures of a gold layer, computed once when gold is built (the API serves them as is). */
import pl from 'nodejs-polars'
import type { GoldKpis } from '../src-preload/contract.ts'

/** Gold's tables the headline figures come from. */
export interface KpiTables {
  fact: pl.DataFrame
  scores: pl.DataFrame
  segmentSummary: pl.DataFrame
  /** cohort_first_purchase: each buying client is in exactly one cohort, so its counts add up to them. */
  cohorts: pl.DataFrame
}

export function goldKpis({ fact, scores, segmentSummary, cohorts }: KpiTables): GoldKpis {
  // The clients are counted from the cohorts, a few rows, not by a distinct count over every purchase.
  const totals = { ca: fact.getColumn('montant').sum(), clients: cohorts.getColumn('clients').sum() }
  const expected = scores.select(pl.col('expected_value_12m').sum().alias('e')).toRecords()[0] as {
    e: number
  }
  const segments: Record<string, number> = {}
  for (const row of segmentSummary.select('segment_label', 'clients').toRecords() as {
    segment_label: string
    clients: number
  }[]) {
    segments[row.segment_label] = Number(row.clients)
  }
  return {
    total_ca: totals.ca,
    total_achats: fact.height,
    total_clients: Number(totals.clients),
    panier_moyen: fact.height > 0 ? totals.ca / fact.height : 0,
    expected_total: expected.e,
    segments,
  }
}
