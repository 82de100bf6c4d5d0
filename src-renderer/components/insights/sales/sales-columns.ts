/** The CSV columns of a `data.sales` grouping, as its charts export it. */
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import { columnLabel, type LabelledField, labelledColumns } from '../../export/column-labels.ts'
import type { ExportColumn } from '../../export/csv.ts'

/** `keyField`: what the rows are grouped by (pays, produit, jour, semaine, mois), for its label. */
export function salesColumns(keyField: LabelledField): ExportColumn<SalesRow>[] {
  return [
    { key: 'key', label: columnLabel(keyField) },
    ...labelledColumns<SalesRow>(['ca', 'nb_achats', 'clients']),
  ]
}
