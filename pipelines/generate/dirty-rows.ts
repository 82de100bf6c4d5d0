/**
 * Deliberately bad source rows, for exercising silver's rejects. Each row breaks exactly one silver rule
 * (spec §3.1/§3.2) and is otherwise valid, so the rule that rejects it is the one it was made for. They are
 * few, so they are plain JS strings appended after the clean rows.
 */

import { pyRound, pythonFloatRepr } from '../python-float.ts'
import type { RejectReason } from '../schema.ts'
import { csvLine } from './csv-line.ts'
import { formatDay, formatSecond, SECONDS_PER_DAY } from './dates.ts'
import { COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PRODUCTS } from './domain.ts'
import { maxSecondsBeforeReference, type OwnDrawBounds } from './draws.ts'
import type { PythonRandom } from './python-random.ts'

/** Client reasons in silver's rule order. */
export const CLIENT_DIRTY_REASONS = [
  'invalid_id',
  'missing_field',
  'invalid_date',
  'date_out_of_range',
  'invalid_email',
  'duplicate_id',
] as const satisfies readonly RejectReason[]

/** Purchase reasons in silver's rule order. */
export const ACHAT_DIRTY_REASONS = [
  'invalid_number',
  'missing_field',
  'invalid_date',
  'date_out_of_range',
  'bad_amount',
  'orphan_client',
  'duplicate_id',
] as const satisfies readonly RejectReason[]

export type DirtyCounts = Partial<Record<RejectReason, number>>

export interface DirtyContext {
  rng: PythonRandom
  /** 0..0.5: the dirty rows of a table total about this share of its clean rows, split evenly by reason. */
  share: number
  /** Clean clients have ids 1..clients, clean purchases ids 1..purchases. */
  clients: number
  purchases: number
  bounds: OwnDrawBounds
  /** Registration day of each clean client (index = id − 1), so dirty purchases still follow registration. */
  registrationDay: Int32Array
  /** The exact CSV text (no line endings) of clean rows, by 0-based index: duplicates must be byte copies. */
  cleanClientLines: (indexes: number[]) => string[]
  cleanAchatLines: (indexes: number[]) => string[]
}

export interface DirtyRows {
  clientLines: string[]
  achatLines: string[]
  clients: DirtyCounts
  achats: DirtyCounts
}

/** Rows per reason: an even split of share × clean rows, at least one of each kind once share > 0. */
export function dirtyRowsPerReason(share: number, cleanRows: number, reasons: number): number {
  if (!(share > 0)) return 0
  return Math.max(1, Math.round((share * cleanRows) / reasons))
}

const INVALID_DATES = ['not-a-date', '2024-13-45', '2023-02-30', 'unknown']
const INVALID_DATETIMES = ['not-a-date', '2025-13-45 10:00:00', '2025-02-30 12:00:00', '2025-06-15 25:61:00']
const DAY_2000 = Math.floor(Date.UTC(2000, 0, 1) / 86_400_000)
const DAY_1950 = Math.floor(Date.UTC(1950, 0, 1) / 86_400_000)
const DAY_2090 = Math.floor(Date.UTC(2090, 0, 1) / 86_400_000)
const DAY_2100 = Math.floor(Date.UTC(2100, 0, 1) / 86_400_000)

export function buildDirtyRows(ctx: DirtyContext): DirtyRows {
  const { rng } = ctx
  const pick = <T>(list: readonly T[]): T => rng.choice(list)
  // Fresh ids continue after the clean ones; dirty clients never get purchases, so dropping them
  // cannot turn a clean purchase into an orphan.
  let nextClientId = ctx.clients + 1
  let nextAchatId = ctx.purchases + 1

  const person = () => {
    const first = pick(FIRST_NAMES)
    const last = pick(LAST_NAMES)
    const local = `${first}.${last}${rng.randint(1, 99)}`.toLowerCase()
    return { nom: `${first} ${last}`, local, email: `${local}@${pick(EMAIL_DOMAINS)}` }
  }
  const registration = () =>
    formatDay(rng.randint(ctx.bounds.firstRegistrationDay, ctx.bounds.lastRegistrationDay))
  // Before 2000, or far in the future but still within what pandas and chrono can parse.
  const outOfRangeDay = (k: number) =>
    k % 2 === 0 ? rng.randint(DAY_1950, DAY_2000 - 1) : rng.randint(DAY_2090, DAY_2100)

  const clients: DirtyCounts = {}
  const clientLines: string[] = []
  const duplicateClients: number[] = []
  const perClientReason = dirtyRowsPerReason(ctx.share, ctx.clients, CLIENT_DIRTY_REASONS.length)
  for (const reason of CLIENT_DIRTY_REASONS) {
    for (let k = 0; k < perClientReason; k++) {
      if (reason === 'duplicate_id') {
        duplicateClients.push(rng.randbelow(ctx.clients))
        continue
      }
      const id = nextClientId++
      const p = person()
      const row = {
        id: String(id),
        nom: p.nom,
        email: p.email,
        date: registration(),
        pays: pick(COUNTRIES) as string,
      }
      if (reason === 'invalid_id') row.id = [`C${id}`, `${id}.5`, 'abc'][k % 3] as string
      else if (reason === 'missing_field' && k % 2 === 0) row.nom = ''
      else if (reason === 'missing_field') row.pays = ''
      else if (reason === 'invalid_date') row.date = INVALID_DATES[k % INVALID_DATES.length] as string
      else if (reason === 'date_out_of_range') row.date = formatDay(outOfRangeDay(k))
      else if (reason === 'invalid_email') row.email = `${p.local}.${pick(EMAIL_DOMAINS)}`
      clientLines.push(csvLine([row.id, row.nom, row.email, row.date, row.pays]))
    }
    clients[reason] = perClientReason
  }

  // Orphans point past every client id, clean or dirty.
  let nextOrphanId = nextClientId
  const purchaseTime = (clientId: number) => {
    const reg = ctx.registrationDay[clientId - 1] as number
    const back = rng.randbelow(maxSecondsBeforeReference(reg, ctx.bounds) + 1)
    return formatSecond(ctx.bounds.referenceSecond - back)
  }
  const amount = () => pythonFloatRepr(pyRound(rng.uniform(10, 500), 2))

  const achats: DirtyCounts = {}
  const achatLines: string[] = []
  const duplicateAchats: number[] = []
  const perAchatReason = dirtyRowsPerReason(ctx.share, ctx.purchases, ACHAT_DIRTY_REASONS.length)
  for (const reason of ACHAT_DIRTY_REASONS) {
    for (let k = 0; k < perAchatReason; k++) {
      if (reason === 'duplicate_id') {
        duplicateAchats.push(rng.randbelow(ctx.purchases))
        continue
      }
      const client = rng.randint(1, ctx.clients)
      const row = {
        id: String(nextAchatId++),
        client: String(client),
        date: purchaseTime(client),
        amount: amount(),
        product: pick(PRODUCTS) as string,
      }
      if (reason === 'invalid_number') {
        if (k % 3 === 0) row.id = `A${row.id}`
        else if (k % 3 === 1) row.client = `client-${client}`
        else row.amount = `${row.amount.replace('.', ',')}€` // "12,5€": a comma, so the field gets quoted
      } else if (reason === 'missing_field' && k % 2 === 0) row.date = ''
      else if (reason === 'missing_field') row.product = ''
      else if (reason === 'invalid_date') row.date = INVALID_DATETIMES[k % INVALID_DATETIMES.length] as string
      else if (reason === 'date_out_of_range') {
        row.date = formatSecond(outOfRangeDay(k) * SECONDS_PER_DAY + rng.randbelow(SECONDS_PER_DAY))
      } else if (reason === 'bad_amount') {
        row.amount = [
          '0',
          '0.0',
          `-${row.amount}`,
          '10000.01',
          pythonFloatRepr(pyRound(rng.uniform(10_001, 99_999), 2)),
        ][k % 5] as string
      } else if (reason === 'orphan_client') row.client = String(nextOrphanId++)
      achatLines.push(csvLine([row.id, row.client, row.date, row.amount, row.product]))
    }
    achats[reason] = perAchatReason
  }

  if (duplicateClients.length > 0) clientLines.push(...ctx.cleanClientLines(duplicateClients))
  if (duplicateAchats.length > 0) achatLines.push(...ctx.cleanAchatLines(duplicateAchats))
  shuffle(rng, clientLines)
  shuffle(rng, achatLines)
  return { clientLines, achatLines, clients, achats }
}

/** Fisher–Yates, so the kinds are mixed rather than in blocks. */
function shuffle<T>(rng: PythonRandom, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.randbelow(i + 1)
    const tmp = items[i] as T
    items[i] = items[j] as T
    items[j] = tmp
  }
}
