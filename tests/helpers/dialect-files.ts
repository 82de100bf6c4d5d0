/**
 * The same small sources written in several dialects, byte for byte, for the dialect tests of both
 * engines: the default (",", UTF-8, point, ISO dates), a French spreadsheet's "CSV", and the pieces to
 * build others.
 */
import iconv from 'iconv-lite'

export const CLIENTS = [
  ['id_client', 'nom', 'email', 'date_inscription', 'pays'],
  ['1', 'Zoé Lefèvre', 'zoe@example.fr', '2024-03-05', 'France'],
  ['2', 'Jürgen Groß', 'jurgen@example.de', '2024-11-20', 'Allemagne'],
  ['3', 'Ana Núñez', 'ana@example.es', '2025-01-13', 'Espagne'],
  ['4', 'Li Wei', 'li@example.cn', '2024-07-31', 'Chine'],
]
export const ACHATS = [
  ['id_achat', 'id_client', 'date_achat', 'montant', 'produit'],
  ['1', '1', '2025-02-01 10:15:00', '120.50', 'Écran'],
  ['2', '1', '2025-03-14 09:00:30', '35.99', 'Clavier'],
  ['3', '2', '2025-01-22 18:45:10', '1250.00', 'Portable'],
  ['4', '3', '2025-02-28 12:00:00', '15.20', 'Souris'],
  ['5', '4', '2025-04-02 08:30:00', '89.90', 'Casque'],
  ['6', '2', '2025-05-17 21:05:45', '420.75', 'Écran'],
]

export const text = (rows: string[][], sep = ',', eol = '\n') => rows.map((r) => r.join(sep)).join(eol) + eol

/** 2025-02-01 10:15:00 → 01/02/2025 10:15:00 (the day first, as a French spreadsheet writes). */
export const dayFirst = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1')

/** The rows as a French-locale spreadsheet saves "CSV": ";", decimal comma, day-first dates, CRLF, Windows-1252. */
export function frenchExcel(rows: string[][], dateColumn: string, amountColumn?: string): Buffer {
  const [header = [], ...data] = rows
  const date = header.indexOf(dateColumn)
  const amount = amountColumn ? header.indexOf(amountColumn) : -1
  const written = data.map((r) =>
    r.map((v, i) => (i === date ? dayFirst(v) : i === amount ? v.replace('.', ',') : v)),
  )
  return iconv.encode(text([header, ...written], ';', '\r\n'), 'windows-1252')
}
