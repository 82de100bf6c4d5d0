import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS, type RejectReason } from '../schema.ts'
import { csvLine } from './csv-line.ts'
import { parseNaiveDateTime, SECONDS_PER_DAY } from './dates.ts'
import { ACHAT_DIRTY_REASONS, CLIENT_DIRTY_REASONS } from './dirty-rows.ts'
import {
  DEFAULT_REFERENCE_DATE,
  type GenerateOptions,
  type GenerateResult,
  generateSources,
  resolveSizes,
} from './generate.ts'

const work = mkdtempSync(join(tmpdir(), 'medallion-generate-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let runs = 0
const generate = (opts: Omit<GenerateOptions, 'outDir'>) =>
  generateSources({ ...opts, outDir: join(work, `run-${runs++}`) })

/** Minimal RFC 4180 reader, independent of the code under test. */
function readCsv(path: string): { header: string[]; rows: string[][]; lines: string[] } {
  const text = readFileSync(path, 'utf8')
  expect(text.endsWith('\n')).toBe(true)
  expect(text.includes('\r')).toBe(false)
  const lines = text.slice(0, -1).split('\n')
  const records = lines.map((line) => {
    const fields: string[] = []
    let i = 0
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = ''
        i++
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') {
            value += '"'
            i += 2
          } else if (line[i] === '"') {
            i++
            break
          } else value += line[i++]
        }
        fields.push(value)
        i++ // the comma
      } else {
        const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i)
        fields.push(line.slice(i, end))
        i = end + 1
      }
    }
    return fields
  })
  const [header = [], ...rows] = records
  return { header, rows, lines: lines.slice(1) }
}

const seedDir = fileURLToPath(new URL('../../../shared/fixtures/seed', import.meta.url))
const hasSeed = existsSync(join(seedDir, 'achats.csv')) && existsSync(join(seedDir, 'clients.csv'))
if (!hasSeed) console.warn(`skipping the reproduction test: the original's files are not at ${seedDir}`)

type Csv = ReturnType<typeof readCsv>

describe.skipIf(!hasSeed)("reproduces the original's seeded columns (seed 42, default sizes)", () => {
  let result: GenerateResult
  const ours = {} as { clients: Csv; achats: Csv }
  const theirs = {} as { clients: Csv; achats: Csv }
  beforeAll(async () => {
    result = await generate({})
    Object.assign(ours, { clients: readCsv(result.clientsPath), achats: readCsv(result.achatsPath) })
    Object.assign(theirs, {
      clients: readCsv(join(seedDir, 'clients.csv')),
      achats: readCsv(join(seedDir, 'achats.csv')),
    })
  })

  it('has the same headers and row counts', () => {
    expect(ours.clients.header).toEqual(theirs.clients.header)
    expect(ours.achats.header).toEqual(theirs.achats.header)
    expect(result.clients).toBe(1500)
    expect(result.purchases).toBe(23_663)
    expect(ours.clients.rows.length).toBe(theirs.clients.rows.length)
    expect(ours.achats.rows.length).toBe(theirs.achats.rows.length)
  })

  it('gives every client the same country', () => {
    const pick = (rows: string[][]) => rows.map((r) => `${r[0]},${r[4]}`)
    expect(pick(ours.clients.rows)).toEqual(pick(theirs.clients.rows))
  })

  it('gives every client the same number of purchases', () => {
    const counts = (rows: string[][]) => {
      const n = new Map<string, number>()
      for (const r of rows) n.set(r[1] as string, (n.get(r[1] as string) ?? 0) + 1)
      return [...n.entries()]
    }
    expect(counts(ours.achats.rows)).toEqual(counts(theirs.achats.rows))
  })

  it('writes id_achat, id_client, montant and produit byte for byte', () => {
    const pick = (rows: string[][]) => rows.map((r) => [r[0], r[1], r[3], r[4]].join(','))
    const a = pick(ours.achats.rows)
    const b = pick(theirs.achats.rows)
    const firstDiff = a.findIndex((line, i) => line !== b[i])
    expect(
      firstDiff === -1 ? null : { line: firstDiff + 2, ours: a[firstDiff], theirs: b[firstDiff] },
    ).toBeNull()
  })
})

describe('our own columns', () => {
  let clients: Csv
  let achats: Csv
  beforeAll(async () => {
    const result = await generate({})
    clients = readCsv(result.clientsPath)
    achats = readCsv(result.achatsPath)
  })
  const reference = parseNaiveDateTime(DEFAULT_REFERENCE_DATE)

  it('writes names, lower-case example e-mails and registrations within three years', () => {
    expect(clients.header).toEqual([...REQUIRED_CLIENT_COLUMNS])
    for (const [id, nom, email, date = ''] of clients.rows) {
      expect(nom).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
      expect(email).toMatch(/^[a-z]+\.?[a-z]+\d*@example\.(com|net|org)$/)
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(date >= '2023-01-20' && date <= '2026-01-19', `client ${id} registered ${date}`).toBe(true)
    }
  })

  it('dates every purchase after its registration, within the last 365 days, and not after the reference', () => {
    expect(achats.header).toEqual([...REQUIRED_PURCHASE_COLUMNS])
    const registered = new Map(clients.rows.map((r) => [r[0] as string, parseNaiveDateTime(r[3] as string)]))
    for (const [id, client, date] of achats.rows) {
      const t = parseNaiveDateTime(date as string)
      expect(t >= (registered.get(client as string) as number), `purchase ${id}`).toBe(true)
      expect(t >= reference - 365 * SECONDS_PER_DAY && t <= reference, `purchase ${id}`).toBe(true)
    }
  })
})

describe('determinism and sizes', () => {
  it('gives byte-identical files for the same options', async () => {
    const a = await generate({ clients: 300, dirtyShare: 0.05 })
    const b = await generate({ clients: 300, dirtyShare: 0.05 })
    expect(readFileSync(a.clientsPath)).toEqual(readFileSync(b.clientsPath))
    expect(readFileSync(a.achatsPath)).toEqual(readFileSync(b.achatsPath))
    const c = await generate({ clients: 300, dirtyShare: 0.05, seed: 7 })
    expect(readFileSync(c.achatsPath)).not.toEqual(readFileSync(a.achatsPath))
  })

  it('scale multiplies the default 1500 clients and so the purchases', async () => {
    const r = await generate({ scale: 2 })
    expect(r.clients).toBe(3000)
    expect(readCsv(r.clientsPath).rows.length).toBe(3000)
    expect(readCsv(r.achatsPath).rows.length).toBe(r.purchases)
    expect(r.purchases).toBeGreaterThan(3000 * 15.5 * 0.95)
    expect(r.purchases).toBeLessThan(3000 * 15.5 * 1.05)
  })

  it('purchases sets the per-client maximum so the total lands near the target', async () => {
    expect(resolveSizes({})).toEqual({ clients: 1500, maxPerClient: 30 })
    expect(resolveSizes({ purchases: 1_000_000 })).toEqual({ clients: 1500, maxPerClient: 1332 })
    expect(resolveSizes({ clients: 10, scale: 5 }).clients).toBe(10)
    const r = await generate({ clients: 1000, purchases: 100_000 })
    expect(r.clients).toBe(1000)
    expect(Math.abs(r.purchases - 100_000)).toBeLessThan(5_000)
    const achats = readCsv(r.achatsPath)
    expect(achats.rows.length).toBe(r.purchases)
    expect(achats.rows.at(-1)?.[0]).toBe(String(r.purchases))
    const perClient = new Set(achats.rows.map((row) => row[1]))
    expect(perClient.size).toBe(1000)
  })

  it('rejects bad options', async () => {
    await expect(generate({ dirtyShare: 0.6 })).rejects.toThrow(RangeError)
    await expect(generate({ clients: 0 })).rejects.toThrow(RangeError)
    await expect(generate({ referenceDate: '2026-02-30 00:00:00' })).rejects.toThrow(RangeError)
  })

  it('reports progress up to 1', async () => {
    const seen: [number, string][] = []
    await generate({ clients: 50, onProgress: (f, step) => seen.push([f, step]) })
    const fractions = seen.map(([f]) => f)
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y))
    expect(seen.at(-1)).toEqual([1, 'done'])
  })
})

/** The silver rules (spec §3.1/§3.2) checked one by one, to see that a dirty row breaks exactly one. */
const NOW = new Date().toISOString().slice(0, 10)
/** A real calendar date-time (no roll-over such as Feb 30 → Mar 2). */
const isReal = (iso: string) => {
  const d = new Date(`${iso}Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso)
}
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isReal(`${v}T00:00:00`)
const isDateTime = (v: string) =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) && isReal(v.replace(' ', 'T'))
const isWhole = (v: string) => /^-?\d+$/.test(v)
const isNumber = (v: string) => /^-?\d+(\.\d+)?$/.test(v)

function clientFailures(row: string[], seen: Set<string>): RejectReason[] {
  const [id = '', nom = '', email = '', date = '', pays = ''] = row
  const failed: RejectReason[] = []
  if (!isWhole(id)) failed.push('invalid_id')
  if (!nom || !email || !pays) failed.push('missing_field')
  if (date && !isDay(date)) failed.push('invalid_date')
  if (isDay(date) && (date < '2000-01-01' || date > NOW)) failed.push('date_out_of_range')
  if (email && !email.includes('@')) failed.push('invalid_email')
  if (isWhole(id) && seen.has(id)) failed.push('duplicate_id')
  seen.add(id)
  return failed
}

function achatFailures(row: string[], seen: Set<string>, clients: Set<string>): RejectReason[] {
  const [id = '', client = '', date = '', amount = '', product = ''] = row
  const failed: RejectReason[] = []
  if ((id && !isWhole(id)) || (client && !isWhole(client)) || (amount && !isNumber(amount))) {
    failed.push('invalid_number')
  }
  if (!id || !client || !date || !amount || !product) failed.push('missing_field')
  if (date && !isDateTime(date)) failed.push('invalid_date')
  if (isDateTime(date) && (date < '2000-01-01' || date.slice(0, 10) > NOW)) failed.push('date_out_of_range')
  if (isNumber(amount) && (Number(amount) <= 0 || Number(amount) > 10_000)) failed.push('bad_amount')
  if (isWhole(client) && !clients.has(client)) failed.push('orphan_client')
  if (isWhole(id) && seen.has(id)) failed.push('duplicate_id')
  seen.add(id)
  return failed
}

describe('dirty rows', () => {
  let clean: GenerateResult
  let result: GenerateResult
  let clients: Csv
  let achats: Csv
  beforeAll(async () => {
    clean = await generate({ clients: 400 })
    result = await generate({ clients: 400, dirtyShare: 0.1 })
    clients = readCsv(result.clientsPath)
    achats = readCsv(result.achatsPath)
  })

  it('counts about the requested share, spread over every reason', () => {
    const sum = (counts: Partial<Record<RejectReason, number>>) =>
      Object.values(counts).reduce((a, b) => a + b, 0)
    expect(Object.keys(result.dirty.clients).sort()).toEqual([...CLIENT_DIRTY_REASONS].sort())
    expect(Object.keys(result.dirty.achats).sort()).toEqual([...ACHAT_DIRTY_REASONS].sort())
    expect(sum(result.dirty.clients)).toBeGreaterThanOrEqual(36)
    expect(sum(result.dirty.clients)).toBeLessThanOrEqual(44)
    expect(Math.abs(sum(result.dirty.achats) - 0.1 * result.purchases)).toBeLessThanOrEqual(7)
    expect(clients.rows.length).toBe(result.clients + sum(result.dirty.clients))
    expect(achats.rows.length).toBe(result.purchases + sum(result.dirty.achats))
  })

  it('leaves the clean rows untouched, before every dirty row', () => {
    const cleanClients = readFileSync(clean.clientsPath, 'utf8')
    const cleanAchats = readFileSync(clean.achatsPath, 'utf8')
    expect(readFileSync(result.clientsPath, 'utf8').startsWith(cleanClients)).toBe(true)
    expect(readFileSync(result.achatsPath, 'utf8').startsWith(cleanAchats)).toBe(true)
    expect(result.purchases).toBe(clean.purchases)
  })

  it('makes each dirty client break exactly one rule, the counted one', () => {
    const seen = new Set<string>()
    const counted: Partial<Record<RejectReason, number>> = {}
    clients.rows.forEach((row, i) => {
      const failed = clientFailures(row, seen)
      if (i < result.clients) expect(failed, `clean client line ${i + 2}`).toEqual([])
      else {
        expect(failed, `dirty client line ${i + 2}: ${row.join(',')}`).toHaveLength(1)
        const reason = failed[0] as RejectReason
        counted[reason] = (counted[reason] ?? 0) + 1
      }
    })
    expect(counted).toEqual(result.dirty.clients)
  })

  it('makes each dirty purchase break exactly one rule, the counted one, and orphans no clean purchase', () => {
    // Only clean clients survive silver: dirty client rows carry new ids that no purchase uses.
    const validClients = new Set(clients.rows.slice(0, result.clients).map((row) => row[0] as string))
    const dirtyClientIds = new Set(
      clients.rows
        .slice(result.clients)
        .map((row) => row[0] as string)
        .filter((id) => !validClients.has(id)), // duplicates repeat clean ids
    )
    const seen = new Set<string>()
    const counted: Partial<Record<RejectReason, number>> = {}
    achats.rows.forEach((row, i) => {
      const failed = achatFailures(row, seen, validClients)
      if (i < result.purchases) expect(failed, `clean purchase line ${i + 2}`).toEqual([])
      else {
        expect(failed, `dirty purchase line ${i + 2}: ${row.join(',')}`).toHaveLength(1)
        const reason = failed[0] as RejectReason
        counted[reason] = (counted[reason] ?? 0) + 1
      }
      expect(dirtyClientIds.has(row[1] as string), `purchase line ${i + 2} uses a dirty client`).toBe(false)
    })
    expect(counted).toEqual(result.dirty.achats)
  })

  it('copies duplicates byte for byte and quotes fields that hold a comma', () => {
    const cleanLines = new Set(achats.lines.slice(0, result.purchases))
    const copies = achats.lines.slice(result.purchases).filter((line) => cleanLines.has(line))
    expect(copies).toHaveLength(result.dirty.achats.duplicate_id as number)
    const euro = achats.lines.find((line) => line.includes('€'))
    expect(euro).toMatch(/^\d+,\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},"\d+,\d+€",[A-Za-z]+$/)
    expect(csvLine(['a', '1,5', 'say "hi"'])).toBe('a,"1,5","say ""hi"""')
  })
})
