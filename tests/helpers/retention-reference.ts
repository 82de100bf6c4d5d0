/**
 * cohort_retention computed the plain way over purchases (client, a day or timestamp text starting
 * 'YYYY-MM'), row by row, to check gold's table against: cohorts by first month, one row per month from the
 * cohort's to the last month of all purchases.
 */
export interface Purchase {
  client: number
  /** 'YYYY-MM-DD…' */
  at: string
}

export function referenceRetention(purchases: readonly Purchase[]): Record<string, unknown>[] {
  const monthNumber = (at: string) => Number(at.slice(0, 4)) * 12 + Number(at.slice(5, 7)) - 1
  const first = new Map<number, number>()
  for (const { client, at } of purchases) {
    const month = monthNumber(at)
    first.set(client, Math.min(first.get(client) ?? month, month))
  }
  let last = Number.NEGATIVE_INFINITY
  for (const { at } of purchases) last = Math.max(last, monthNumber(at))
  const active = new Map<string, Set<number>>()
  for (const { client, at } of purchases) {
    const cell = `${first.get(client)}|${monthNumber(at) - (first.get(client) as number)}`
    active.set(cell, (active.get(cell) ?? new Set()).add(client))
  }
  const sizes = new Map<number, number>()
  for (const month of first.values()) sizes.set(month, (sizes.get(month) ?? 0) + 1)
  const label = (month: number) => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
  const rows: Record<string, unknown>[] = []
  for (const cohort of [...sizes.keys()].sort((a, b) => a - b)) {
    const size = sizes.get(cohort) as number
    for (let offset = 0; offset <= last - cohort; offset++) {
      const clients = active.get(`${cohort}|${offset}`)?.size ?? 0
      rows.push({
        cohort: label(cohort),
        month_offset: offset,
        active_clients: clients,
        cohort_size: size,
        retention: clients / size,
        cohort_offset: `${label(cohort)}+${String(offset).padStart(3, '0')}`,
      })
    }
  }
  return rows
}
