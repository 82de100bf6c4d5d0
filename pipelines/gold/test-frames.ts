/** Small silver-typed frames for the gold unit tests (timestamps written 'YYYY-MM-DD HH:MM:SS', naive). */
import pl from 'nodejs-polars'

export type ClientRow = [id: number, registered: string, pays?: string]
export type PurchaseRow = [id: number, client: number, at: string, amount: number, product: string]

function timestamps(values: string[]): pl.Series {
  return pl
    .Series('t', values, pl.Utf8)
    .str.strptime(pl.Datetime, '%Y-%m-%d %H:%M:%S')
    .cast(pl.Datetime('us'))
}

/** Silver clients; `registered` is 'YYYY-MM-DD' (midnight). */
export function silverClients(rows: ClientRow[]): pl.DataFrame {
  return pl.DataFrame({
    id_client: pl.Series(
      'id_client',
      rows.map((r) => r[0]),
      pl.Int64,
    ),
    nom: pl.Series(
      'nom',
      rows.map((r) => `Client ${r[0]}`),
      pl.Utf8,
    ),
    email: pl.Series(
      'email',
      rows.map((r) => `c${r[0]}@example.com`),
      pl.Utf8,
    ),
    date_inscription: timestamps(rows.map((r) => `${r[1]} 00:00:00`)).alias('date_inscription'),
    pays: pl.Series(
      'pays',
      rows.map((r) => r[2] ?? 'France'),
      pl.Utf8,
    ),
  })
}

export function silverAchats(rows: PurchaseRow[]): pl.DataFrame {
  return pl.DataFrame({
    id_achat: pl.Series(
      'id_achat',
      rows.map((r) => r[0]),
      pl.Int64,
    ),
    id_client: pl.Series(
      'id_client',
      rows.map((r) => r[1]),
      pl.Int64,
    ),
    date_achat: timestamps(rows.map((r) => r[2])).alias('date_achat'),
    montant: pl.Series(
      'montant',
      rows.map((r) => r[3]),
      pl.Float64,
    ),
    produit: pl.Series(
      'produit',
      rows.map((r) => r[4]),
      pl.Utf8,
    ),
  })
}

/** A column as a JS array, datetimes as 'YYYY-MM-DD HH:MM:SS' text (null stays null). */
export function column(frame: pl.DataFrame, name: string): unknown[] {
  const series = frame.getColumn(name)
  if (series.dtype.variant === 'Datetime') {
    return frame.select(pl.col(name).dt.strftime('%Y-%m-%d %H:%M:%S')).getColumn(name).toArray()
  }
  return series.toArray()
}

/** Rows as records, datetimes as text. */
export function records(frame: pl.DataFrame): Record<string, unknown>[] {
  const columns = frame.columns.map((c) => [c, column(frame, c)] as const)
  return Array.from({ length: frame.height }, (_, i) =>
    Object.fromEntries(columns.map(([c, v]) => [c, v[i]])),
  )
}

/** name → dtype variant (e.g. 'Int64', 'Float64', 'Datetime', 'String'). */
export function dtypes(frame: pl.DataFrame): Record<string, string> {
  return Object.fromEntries(frame.columns.map((c) => [c, frame.getColumn(c).dtype.variant]))
}

/**
 * A hand-checked scenario. Reference = the latest purchase = 2025-06-15 18:30:00; the 365-day window
 * starts at 2024-06-15 18:30:00 (inclusive).
 * - client 1: 3 purchases in the window (100 Laptop, 50 Mouse, 25.5 Mouse), the last one AT the reference.
 * - client 2: registered 2025-06-16 (after the reference), one purchase 47.5 h before the reference.
 * - client 3: registered on the reference day, no purchase.
 * - client 4: purchases exactly at the window start (in), one second before it (out), and on 2024-01-01 (out).
 */
export function scenario(): { clients: pl.DataFrame; achats: pl.DataFrame } {
  return {
    clients: silverClients([
      [4, '2023-05-05', 'UK'],
      [1, '2024-01-01', 'Germany'],
      [2, '2025-06-16', 'France'],
      [3, '2025-06-15', 'Spain'],
    ]),
    achats: silverAchats([
      [10, 1, '2025-01-10 12:00:00', 100.0, 'Laptop'],
      [11, 1, '2025-06-01 08:00:00', 50.0, 'Mouse'],
      [12, 1, '2025-06-15 18:30:00', 25.5, 'Mouse'],
      [20, 2, '2025-06-13 19:00:00', 10.0, 'Phone'],
      [40, 4, '2024-06-15 18:30:00', 200.0, 'Tablet'],
      [41, 4, '2024-06-15 18:29:59', 300.0, 'Tablet'],
      [42, 4, '2024-01-01 00:00:00', 40.0, 'Webcam'],
    ]),
  }
}
