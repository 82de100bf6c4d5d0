/** Builds a bronze-shaped frame (text columns plus lineage) from a few hand-written rows. */
import pl from 'nodejs-polars'

export function bronzeFrame(file: string, columns: string[], rows: (string | null)[][]): pl.DataFrame {
  const data: Record<string, (string | null)[]> = {}
  columns.forEach((c, i) => {
    data[c] = rows.map((r) => r[i] ?? null)
  })
  return pl.DataFrame(data, { schema: Object.fromEntries(columns.map((c) => [c, pl.Utf8])) }).withColumns(
    pl.lit(file).alias('_source_file'),
    pl.Series(
      '_row_number',
      rows.map((_, i) => i + 2),
      pl.Int64,
    ),
    pl.lit(0).cast(pl.Int64).cast(pl.Datetime('us')).alias('_ingested_at'),
    pl.lit('test-batch').alias('_batch_id'),
  )
}

export const CLIENT_COLUMNS = ['id_client', 'nom', 'email', 'date_inscription', 'pays']
export const ACHAT_COLUMNS = ['id_achat', 'id_client', 'date_achat', 'montant', 'produit']
