/** The CSV columns of a `data.sales` grouping, as its charts export it. */
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import type { ExportColumn } from '../../export/csv.ts'

export function salesColumns(keyLabel: string): ExportColumn<SalesRow>[] {
  return [{ key: 'key', label: keyLabel }, { key: 'ca' }, { key: 'nb_achats' }, { key: 'clients' }]
}
