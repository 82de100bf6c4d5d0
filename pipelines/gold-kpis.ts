/** The headline figures of a gold layer, computed once when gold is built (the API serves them as is). */
import pl from 'nodejs-polars'
import type { GoldKpis } from '../src-preload/contract.ts'

export function goldKpis(fact: pl.DataFrame, scores: pl.DataFrame, segmentSummary: pl.DataFrame): GoldKpis {
  const totals = fact
    .select(pl.col('montant').sum().alias('ca'), pl.col('id_client').nUnique().alias('clients'))
    .toRecords()[0] as { ca: number; clients: number }
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
