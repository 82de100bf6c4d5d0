/**
 * The seeded source generator: writes clients.csv and achats.csv as the original's
 * `scripts/generate_data.py` did (spec §1). With the default sizes and seed 42 the columns the original drew
 * from Python's global RNG (pays, purchases per client, montant, produit, and so the ids) are byte-identical
 * to its committed files; names, e-mails and dates come from our own seeded RNG, anchored on a fixed
 * reference date, so two runs give identical files and nobody buys before registering.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type pl from 'nodejs-polars'
import type { WrittenDialect } from '../../src-preload/values.ts'
import { PipelineInputError } from '../pipeline-error.ts'
import { HORIZON_DAYS, type RejectReason } from '../schema.ts'
import { systemErrorMessage } from '../system-error.ts'
import { dayYearsBefore, parseNaiveDateTime, SECONDS_PER_DAY } from './dates.ts'
import { buildDirtyRows, type DirtyCounts } from './dirty-rows.ts'
import { drawOriginalColumns, drawOwnColumns, type OwnDrawBounds } from './draws.ts'
import { achatsFrame, clientsFrame, csvLines } from './frames.ts'
import { PythonRandom, seedKey } from './python-random.ts'
import { encodeFile, lineEnd, lineIn, rowsIn, writerOptions } from './written-dialect.ts'

export interface GenerateOptions {
  /** Writes outDir/clients.csv and outDir/achats.csv (creating the folder). */
  outDir: string
  /** Default 1500, the original's size. */
  clients?: number
  /** A target total: sets the per-client maximum so the mean total is close (original: randint(1, 30)). */
  purchases?: number
  /** Multiplies the default 1500 clients (and so the purchases); ignored when `clients` is given. */
  scale?: number
  /** Default 42, the original's seed. */
  seed?: number
  /** 0..0.5: adds about that share of each table's clean rows as dirty rows, split over every reject reason. */
  dirtyShare?: number
  /** Fixed anchor 'YYYY-MM-DD HH:MM:SS' for all dates (never the wall clock). */
  referenceDate?: string
  /** How the files are written: the original's layout (default), or a French spreadsheet's "CSV". */
  dialect?: WrittenDialect
  onProgress?: (fraction: number, step: string) => void
}

export interface GenerateResult {
  clientsPath: string
  achatsPath: string
  /** Clean rows written. */
  clients: number
  purchases: number
  /** Dirty rows appended, per the silver rule meant to reject them. */
  dirty: { clients: Partial<Record<RejectReason, number>>; achats: Partial<Record<RejectReason, number>> }
  ms: number
}

export const DEFAULT_CLIENTS = 1500
/** The original's `randint(1, 2 * 15)` purchases per client. */
export const DEFAULT_MAX_PURCHASES_PER_CLIENT = 30
export const DEFAULT_SEED = 42
/** About when the original generated its committed files (its last purchase is 2026-01-20 10:39:43). */
export const DEFAULT_REFERENCE_DATE = '2026-01-20 10:58:40'
export const MAX_DIRTY_SHARE = 0.5

/** Registrations fall between reference − 3 years and reference − 1 day. */
const REGISTRATION_YEARS = 3
/** Extra init_by_array words: independent streams for our own columns and the dirty rows. */
const OWN_STREAM = 0x6f776e00
const DIRTY_STREAM = 0x64697274

/** Client count and the per-client purchase maximum for these options. */
export function resolveSizes(opts: Pick<GenerateOptions, 'clients' | 'purchases' | 'scale'>): {
  clients: number
  maxPerClient: number
} {
  const { scale = 1 } = opts
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be positive, got ${scale}`)
  const clients = opts.clients ?? Math.max(1, Math.round(DEFAULT_CLIENTS * scale))
  if (!Number.isSafeInteger(clients) || clients < 1) {
    throw new RangeError(`clients must be a positive integer, got ${clients}`)
  }
  if (opts.purchases === undefined) return { clients, maxPerClient: DEFAULT_MAX_PURCHASES_PER_CLIENT }
  if (!(opts.purchases >= 1) || !Number.isFinite(opts.purchases)) {
    throw new RangeError(`purchases must be at least 1, got ${opts.purchases}`)
  }
  // randint(1, m) averages (m + 1) / 2, so m = 2·target/clients − 1 puts the expected total on target.
  return { clients, maxPerClient: Math.max(1, Math.round((2 * opts.purchases) / clients - 1)) }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function generateSources(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now()
  const { clients, maxPerClient } = resolveSizes(opts)
  const seed = opts.seed ?? DEFAULT_SEED
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  const dirtyShare = opts.dirtyShare ?? 0
  const dialect = opts.dialect ?? 'default'
  if (!(dirtyShare >= 0 && dirtyShare <= MAX_DIRTY_SHARE)) {
    throw new RangeError(`dirtyShare must be within 0..${MAX_DIRTY_SHARE}, got ${dirtyShare}`)
  }
  const referenceSecond = parseNaiveDateTime(opts.referenceDate ?? DEFAULT_REFERENCE_DATE)
  const report = opts.onProgress ?? (() => {})
  const stage = (from: number, to: number, step: string) => (f: number) =>
    report(from + (to - from) * f, step)

  const bounds: OwnDrawBounds = {
    referenceSecond,
    firstRegistrationDay: dayYearsBefore(referenceSecond, REGISTRATION_YEARS),
    lastRegistrationDay: Math.floor(referenceSecond / SECONDS_PER_DAY) - 1,
    purchaseWindowSeconds: HORIZON_DAYS * SECONDS_PER_DAY,
  }

  report(0, 'draw purchases')
  const original = drawOriginalColumns(
    new PythonRandom(seed),
    clients,
    maxPerClient,
    stage(0, 0.3, 'draw purchases'),
  )
  await tick()
  const ownRng = new PythonRandom([...seedKey(seed), OWN_STREAM])
  const own = drawOwnColumns(ownRng, original, bounds, stage(0.3, 0.45, 'draw names and dates'))
  await tick()

  writing(opts.outDir, () => mkdirSync(opts.outDir, { recursive: true }))
  const clientsPath = join(opts.outDir, 'clients.csv')
  const achatsPath = join(opts.outDir, 'achats.csv')

  const dirty = buildDirtyRows({
    rng: new PythonRandom([...seedKey(seed), DIRTY_STREAM]),
    share: dirtyShare,
    clients,
    purchases: original.purchases,
    bounds,
    registrationDay: own.registrationDay,
    cleanClientLines: (rows) => csvLines(clientsFrame(original, own, rows)),
    cleanAchatLines: (rows) => csvLines(achatsFrame(original, own, referenceSecond, rows)),
  })

  const total = original.purchases
  // Both files are written aside, then renamed together: a killed or cancelled generate leaves the
  // previous sources whole, never half a file the next run would read.
  const partial = {
    clients: partialPath(opts.outDir, 'clients.csv'),
    achats: partialPath(opts.outDir, 'achats.csv'),
  }
  try {
    report(0.45, 'write clients.csv')
    writeCsv(partial.clients, clientsPath, clientsFrame(original, own, { start: 0, end: clients }), {
      dirtyLines: dirty.clientLines,
      dialect,
      dateField: 3,
    })
    await tick()
    report(0.5, 'write achats.csv')
    writeCsv(
      partial.achats,
      achatsPath,
      achatsFrame(original, own, referenceSecond, { start: 0, end: total }),
      {
        dirtyLines: dirty.achatLines,
        dialect,
        dateField: 2,
        amountField: 3,
      },
    )
    // A cancel that came in while the files were written still wins, up to the renames.
    await tick()
    report(0.99, 'replace clients.csv and achats.csv')
    // A folder in the way fails both renames before either: never a new clients.csv with an old achats.csv.
    for (const path of [clientsPath, achatsPath]) {
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
        throw new PipelineInputError('write_failed', systemErrorMessage({ code: 'EISDIR' }, path, 'write'))
    }
    writing(clientsPath, () => renameSync(partial.clients, clientsPath))
    writing(achatsPath, () => renameSync(partial.achats, achatsPath))
  } finally {
    rmSync(partial.clients, { force: true })
    rmSync(partial.achats, { force: true })
  }
  report(1, 'done')

  return {
    clientsPath,
    achatsPath,
    clients,
    purchases: total,
    dirty: { clients: nonZero(dirty.clients), achats: nonZero(dirty.achats) },
    ms: performance.now() - started,
  }
}

/**
 * Clean rows straight from Polars to the file, then the dirty lines after every clean row. One frame and
 * one write: Polars streams the text out in batches, while slicing into many frames kept their native
 * memory alive until a garbage collection (1.3 GB instead of 0.9 GB for ten million purchases). Written
 * to `partial`; a failure names `path`, the file the user asked for.
 */
function writeCsv(
  partial: string,
  path: string,
  frame: pl.DataFrame,
  written: { dirtyLines: string[]; dialect: WrittenDialect; dateField: number; amountField?: number },
): void {
  const { dirtyLines, dialect } = written
  writing(path, () => {
    const columns = frame.columns
    const amount = written.amountField === undefined ? undefined : columns[written.amountField]
    rowsIn(dialect, frame, amount).writeCSV(partial, writerOptions(dialect))
    if (dirtyLines.length > 0) {
      const end = lineEnd(dialect)
      const lines = dirtyLines.map((line) => lineIn(dialect, line, written.dateField, written.amountField))
      appendFileSync(partial, `${lines.join(end)}${end}`, 'utf8')
    }
    encodeFile(dialect, partial)
  })
}

/** Runs a write; its failure (a full disk, a folder in the way) becomes a message naming `path`. */
function writing(path: string, write: () => void): void {
  try {
    write()
  } catch (err) {
    throw new PipelineInputError('write_failed', systemErrorMessage(err, path, 'write'))
  }
}

/** `.<name>.<pid>-<random>.partial` beside the file: hidden, never a name a run reads, and whose it is. */
function partialPath(dir: string, name: string): string {
  return join(dir, `.${name}.${process.pid}-${randomBytes(4).toString('hex')}.partial`)
}

/** The process that writes a partial file (`partialPath`), or undefined when `name` is not one. */
export function partialFileOwner(name: string): number | undefined {
  const owner = /^\.(?:clients|achats)\.csv\.(\d+)-[0-9a-f]+\.partial$/.exec(name)?.[1]
  return owner === undefined ? undefined : Number(owner)
}

function nonZero(counts: DirtyCounts): DirtyCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => (n ?? 0) > 0))
}
