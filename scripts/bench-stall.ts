/**
 * `npm run bench:stall`: does the server stall under big reads? On a gold at a pipeline-bench scale (1M by
 * default), `medallion serve` started as an installed `medallion` is (node on the package's bin), on
 * loopback, bounded in time:
 *   stall  `--clients` clients keep fetching `/scores?limit=10000` for `--seconds` while `/health` is asked
 *          every 100 ms from another process (bench-stall-probe.ts), each on its own connection:
 *          /health p50/p99/max and errors (goal: p99 ≤ 50 ms, none);
 *   burst  `--burst` connections ask for a big page at once: answers, errors, timeouts (20 s);
 *   idle   the dashboard refresh through the API (goal: p50 ≤ 30 ms).
 * Measured in the same run against a baseline: the server of `--baseline-rev` (default main; `none` skips),
 * its sources taken with git archive into a cache folder and started the same way on the same gold.
 * `--store mongo` serves from a FerretDB the gold is published to (MONGO_URL if set, else one started here).
 * Generated data and baselines are cached in <tmp>/medallion-bench-stall/, keyed by the code that made them.
 * Usage: npm run bench:stall -- [--scale 1m] [--clients 50] [--seconds 10] [--burst 200]
 *        [--baseline-rev main|<rev>|none] [--store parquet|mongo] [--json]. Never run by CI.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { MongoClient } from 'mongodb'
import { createCore } from '../src-main/core/app-core.ts'
import { DASHBOARD_PANELS } from '../src-main/core/bench/dashboard-panels.ts'
import { burstRun, type LoadResult, loadRun } from '../src-main/core/bench/http-load.ts'
import { apiReader, fetchOk } from '../src-main/core/bench/panel-readers.ts'
import { SCALE_SPECS } from '../src-main/core/bench/pipeline-scales.ts'
import { timeRefreshes } from '../src-main/core/bench/refresh-timing.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import { BENCH_SCALES, type BenchScale } from '../src-preload/contract-bench.ts'
import { startFerretDb } from '../tests/helpers/ferretdb.ts'
import { HELD_OUT } from './bench-pipeline-baseline.ts'
import { REPO_ROOT } from './cli-bundle.mjs'
import { SOURCE_PATHS } from './source-paths.ts'

const BIG_PAGE = '/scores?limit=10000'
const HEALTH_EVERY_MS = 100
const GOAL_HEALTH_P99_MS = 50
const GOAL_REFRESH_P50_MS = 30

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1m' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    burst: { type: 'string', default: '200' },
    'baseline-rev': { type: 'string', default: 'main' },
    store: { type: 'string', default: 'parquet' },
    json: { type: 'boolean', default: false },
  },
})
const scale = values.scale as BenchScale
if (!BENCH_SCALES.includes(scale)) throw new Error(`--scale must be one of ${BENCH_SCALES.join(', ')}`)
const wholeNumber = (name: string, raw: string | undefined) => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a whole number ≥ 1, got "${raw}"`)
  return n
}
const clients = wholeNumber('clients', values.clients)
const seconds = wholeNumber('seconds', values.seconds)
const burst = wholeNumber('burst', values.burst)
if (values.store !== 'parquet' && values.store !== 'mongo')
  throw new Error(`--store must be parquet or mongo, got "${values.store}"`)
const CACHE = join(tmpdir(), 'medallion-bench-stall')

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim()

/** The data folder holding a committed run at this scale, made once per version of the pipeline code. */
async function cachedGold(): Promise<string> {
  const pipelines = git('rev-parse', 'HEAD:pipelines').slice(0, 12)
  const dirty = git('status', '--porcelain', '--', 'pipelines') !== ''
  const input = scale === '1m' ? '1m-held-out' : scale
  const dataDir = join(CACHE, `gold-${input}-${pipelines}${dirty ? '-dirty' : ''}`)
  if (existsSync(join(dataDir, 'ready'))) return dataDir
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  console.error(`bench:stall: generating ${scale} and running the pipeline into ${dataDir} (cached after)`)
  const core = createCore({ dataDir, paths: SOURCE_PATHS })
  try {
    // At 1m, the held-out input (80,000 clients: /scores pages of 10,000 rows, about 5 MB each).
    await core.sources.generate(scale === '1m' ? HELD_OUT : { purchases: SCALE_SPECS[scale].purchases }).done
    await core.pipeline.start({ from: 'bronze' }).done
  } finally {
    await core.close()
  }
  writeFileSync(join(dataDir, 'ready'), new Date().toISOString())
  return dataDir
}

/** The `medallion` bin of a git revision, its sources exported once into the cache (node_modules linked). */
function baselineBin(rev: string): { bin: string; commit: string } {
  const commit = git('rev-parse', '--verify', `${rev}^{commit}`)
  const root = join(CACHE, `rev-${commit.slice(0, 12)}`)
  if (!existsSync(join(root, 'ready'))) {
    rmSync(root, { recursive: true, force: true })
    mkdirSync(root, { recursive: true })
    execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C "${root}"`], { cwd: REPO_ROOT })
    symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(root, 'node_modules'))
    writeFileSync(join(root, 'ready'), commit)
  }
  return { bin: join(root, 'bin', 'medallion.mjs'), commit }
}

interface Served {
  url: string
  child: ChildProcess
}

/** `medallion serve` on a free loopback port, as an installed medallion starts (builds its bundle if stale). */
async function serve(bin: string, dataDir: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--data-dir', dataDir, '--port', '0', '--json'], {
    env: { ...process.env, MEDALLION_DATA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`medallion serve (${bin}) exited with ${code}`)))
  })
  lines.close()
  return { url: (JSON.parse(first) as { url: string }).url, child }
}

/** The server's peak RSS so far (Linux), MB. */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** probeRun in a process of its own (bench-stall-probe.ts): this one is busy reading the big pages. */
async function probeElsewhere(url: string, durationMs: number): Promise<LoadResult> {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
  const script = join(REPO_ROOT, 'scripts', 'bench-stall-probe.ts')
  const child = spawn(tsx, [script, url, '/health', String(HEALTH_EVERY_MS), String(durationMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk
  })
  const code = await new Promise((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the /health prober exited with ${code}`)
  return JSON.parse(out) as LoadResult
}

interface Figures {
  refreshP50Ms: number
  health: LoadResult
  pages: LoadResult
  burst: LoadResult
  peakRssMb?: number
}

async function measure(bin: string, dataDir: string, env: Record<string, string>): Promise<Figures> {
  const { url, child } = await serve(bin, dataDir, env)
  try {
    // Warm: the table read and its sort order are built once per run, not measured here.
    for (let i = 0; i < 2; i++) await fetchOk(new URL(BIG_PAGE, url))
    const refresh = await timeRefreshes(apiReader(url), DASHBOARD_PANELS, 20)
    const [pages, health] = await Promise.all([
      loadRun(url, [BIG_PAGE], clients, seconds * 1000),
      probeElsewhere(url, seconds * 1000),
    ])
    const burstResult = await burstRun(url, BIG_PAGE, burst)
    return {
      refreshP50Ms: refresh.total.p50Ms,
      health,
      pages,
      burst: burstResult,
      peakRssMb: peakRssMb(child.pid),
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
}

/** Where the server reads: the gold's lake, or a FerretDB/MongoDB the gold is published to. */
async function storeEnv(dataDir: string): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  if (values.store === 'parquet') return { env: {}, stop: async () => {} }
  const started = process.env.MONGO_URL ? undefined : await startFerretDb()
  const url = process.env.MONGO_URL ?? (started?.url as string)
  const db = `bench_stall_${scale}`
  const client = await new MongoClient(url).connect()
  try {
    const publishStarted = performance.now()
    await publishGold({ lake: new LocalLake(join(dataDir, 'lake')), db: client.db(db) })
    console.error(
      `bench:stall: published to MongoDB in ${((performance.now() - publishStarted) / 1000).toFixed(1)} s`,
    )
  } finally {
    await client.close()
  }
  return { env: { MONGO_URL: url, MONGO_DB: db }, stop: async () => started?.stop() }
}

const dataDir = await cachedGold()
const store = await storeEnv(dataDir)
const runs: { name: string; figures: Figures }[] = []
try {
  runs.push({
    name: 'this tree',
    figures: await measure(join(REPO_ROOT, 'bin', 'medallion.mjs'), dataDir, store.env),
  })
  if (values['baseline-rev'] !== 'none') {
    const baseline = baselineBin(values['baseline-rev'] as string)
    const name = `${values['baseline-rev']} (${baseline.commit.slice(0, 9)})`
    runs.push({ name, figures: await measure(baseline.bin, dataDir, store.env) })
  }
} finally {
  await store.stop()
}

if (values.json) {
  console.log(JSON.stringify({ scale, store: values.store, clients, seconds, burst, runs }, null, 2))
} else {
  const f = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1))
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
  const rows: [string, (x: Figures) => string][] = [
    ['/health p50 / p99 / max ms', (x) => `${f(x.health.p50)} / ${f(x.health.p99)} / ${f(x.health.max)}`],
    ['/health answered, errors', (x) => `${x.health.requests}, ${x.health.errors}`],
    [`${BIG_PAGE} pages, req/s, errors`, (x) => `${x.pages.requests}, ${f(x.pages.rps)}, ${x.pages.errors}`],
    [`${BIG_PAGE} p50 / p99 ms`, (x) => `${f(x.pages.p50)} / ${f(x.pages.p99)}`],
    [`burst of ${burst}: answered, timeouts`, (x) => `${x.burst.requests}, ${x.burst.timeouts}`],
    ['burst p50 / max ms', (x) => `${f(x.burst.p50)} / ${f(x.burst.max)}`],
    ['dashboard refresh p50 ms (idle)', (x) => f(x.refreshP50Ms)],
    ['server peak RSS MB', (x) => f(x.peakRssMb)],
  ]
  console.log(
    `bench:stall — ${scale}, served from ${values.store}, ${clients} clients × ${seconds} s, /health every ${HEALTH_EVERY_MS} ms`,
  )
  console.log(`${''.padEnd(40)}${runs.map((r) => r.name.padStart(28)).join('')}`)
  for (const [label, cell] of rows)
    console.log(`${label.padEnd(40)}${runs.map((r) => cell(r.figures).padStart(28)).join('')}`)
  for (const { name, figures: x } of runs) {
    const healthOk = x.health.p99 <= GOAL_HEALTH_P99_MS && x.health.errors === 0
    const pagesOk = x.pages.errors === 0 && x.burst.errors === 0
    console.log(
      `${name}: /health p99 ≤ ${GOAL_HEALTH_P99_MS} ms and no error ${verdict(healthOk)}; big pages without error ${verdict(pagesOk)}; refresh p50 ≤ ${GOAL_REFRESH_P50_MS} ms ${verdict(x.refreshP50Ms <= GOAL_REFRESH_P50_MS)}`,
    )
  }
}
