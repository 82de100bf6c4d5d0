/**
 * The silver frames narrowed to the columns gold reads, with the contract's types enforced (extra `_`
 * lineage columns are dropped). Silver is already clean, so no cleaning rule is re-applied here.
 */
import pl from 'nodejs-polars'
import { REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS } from '../schema.ts'
import { asLazy, type TableFrame } from '../table-frame.ts'
import { once } from './memo.ts'

export interface GoldInputs {
  /** id_client, nom, email, date_inscription, pays — sorted by id_client. */
  clients: pl.DataFrame
  /** id_achat, id_client, date_achat, montant, produit: a query, read once by the fact. */
  achats: pl.LazyDataFrame
}

function requireColumns(frame: TableFrame, columns: readonly string[], label: string): void {
  const missing = columns.filter((c) => !frame.columns.includes(c))
  if (missing.length > 0) {
    throw new Error(
      `gold: ${label} is missing columns [${missing.join(', ')}]; present [${frame.columns.join(', ')}]`,
    )
  }
}

const exprs = once(() => ({
  clients: [
    pl.col('id_client').cast(pl.Int64),
    pl.col('nom').cast(pl.Utf8),
    pl.col('email').cast(pl.Utf8),
    pl.col('date_inscription').cast(pl.Datetime('us')),
    pl.col('pays').cast(pl.Utf8),
  ],
  achats: [
    pl.col('id_achat').cast(pl.Int64),
    pl.col('id_client').cast(pl.Int64),
    pl.col('date_achat').cast(pl.Datetime('us')),
    pl.col('montant').cast(pl.Float64),
    pl.col('produit').cast(pl.Utf8),
  ],
}))

/** `silver.achats` may be a scan of silver's file: gold then never holds the silver purchases whole. */
export function prepareInputs(silver: { clients: pl.DataFrame; achats: TableFrame }): GoldInputs {
  requireColumns(silver.clients, REQUIRED_CLIENT_COLUMNS, 'silver clients')
  requireColumns(silver.achats, REQUIRED_PURCHASE_COLUMNS, 'silver purchases')
  const e = exprs()
  return {
    clients: silver.clients
      .lazy()
      .select(...e.clients)
      .sort('id_client')
      .collectSync(),
    achats: asLazy(silver.achats).select(...e.achats),
  }
}
