/**
 * The pipeline benchmark against a baseline built in the same run: the source tree at another revision
 * (e.g. main) is extracted to a temporary folder, then both `medallion` commands, started as an installed
 * one is (node bin/medallion.mjs, its prebuilt bundle), run the whole `medallion run --input` on the same
 * held-out input, alternately, several rounds. Prints per step and whole-process medians for both, against
 * the goals, and compares their gold table by table (and this build's gold across its own rounds).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSources } from '../pipelines/generate/generate.ts'
import { compareGold, formatGoldComparison } from '../src-main/core/bench/gold-compare.ts'
import { sampleTreePeak } from '../src-main/core/bench/tree-rss.ts'
import type { RunRecord } from '../src-preload/contract.ts'

/** The held-out input of issue 16: 80,000 clients, about 1.08M purchase rows with 8 % dirty rows. */
export const HELD_OUT = { clients: 80_000, purchases: 1_000_000, dirtyShare: 0.08 }

/** Issue 16's goals for the whole process, by the input's purchase rows (the first that applies). */
const GOALS = [
  { fromRows: 5_000_000, wallS: 15, peakMb: 2048, scale: '10M' },
  { fromRows: 500_000, wallS: 1.9, scale: '1M' },
] as const

function goalFor(rows: number) {
  return GOALS.find((goal) => rows >= goal.fromRows)
}

export interface BaselineOptions {
  root: string
  rev: string
  rounds: number
  /** A folder with clients.csv and achats.csv; generated (HELD_OUT) when absent. */
  input?: string
}

interface Measured {
  wallS: number
  /** CPU time (user + system) of the whole process, Linux only: a fairer figure on a shared machine. */
  cpuS?: number
  peakRssMb?: number
  steps: Map<string, number>
  gold: string
  /** Purchase rows read from the input. */
  purchases: number
}

/** CPU seconds of this process's waited-for children (Linux: cutime + cstime, in clock ticks of 1/100 s). */
function childrenCpuS(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return undefined
  }
}

function runWhole(tree: string, input: string, dataDir: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const cpuBefore = childrenCpuS()
    const child = spawn(
      process.execPath,
      [join(tree, 'bin', 'medallion.mjs'), 'run', '--input', input, '--data-dir', dataDir, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    // The CLI and, for a big input, the run's own worker process.
    const memory = sampleTreePeak(child.pid ?? 0, 10)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const peak = memory.stop() / 1024 || undefined
      const wallS = (performance.now() - started) / 1000
      const cpuAfter = childrenCpuS()
      const cpuS = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined
      if (code !== 0)
        return reject(new Error(`${tree}: medallion run exited with ${code}: ${stderr.slice(-2000)}`))
      const record = JSON.parse(stdout) as RunRecord
      const steps = new Map<string, number>()
      for (const s of record.steps) {
        const name =
          s.layer === 'gold' && !s.table.startsWith('(') ? 'gold (tables)' : `${s.layer} ${s.table}`
        steps.set(name, (steps.get(name) ?? 0) + s.ms / 1000)
      }
      const gold = join(dataDir, 'lake', record.layers.gold ?? '')
      resolve({
        wallS,
        ...(cpuS !== undefined ? { cpuS } : {}),
        ...(peak ? { peakRssMb: peak } : {}),
        steps,
        gold,
        purchases: record.files?.achats?.read ?? 0,
      })
    })
  })
}

/** The tree at `rev`, with this checkout's node_modules, its CLI bundle built. */
function extractTree(root: string, rev: string, into: string): string {
  const tree = join(into, 'tree')
  mkdirSync(tree)
  execFileSync('sh', ['-c', `git -C "${root}" archive "${rev}" | tar -x -C "${tree}"`])
  symlinkSync(realpathSync(join(root, 'node_modules')), join(tree, 'node_modules'))
  buildBundle(tree)
  return tree
}

function buildBundle(tree: string): void {
  execFileSync(process.execPath, [join(tree, 'bin', 'medallion.mjs'), '--help'], { stdio: 'ignore' })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

export async function runBaselineComparison(options: BaselineOptions): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'medallion-bench-baseline-'))
  try {
    let input = options.input
    if (!input) {
      input = join(work, 'input')
      await generateSources({ outDir: input, ...HELD_OUT })
    }
    const baseline = extractTree(options.root, options.rev, work)
    buildBundle(options.root)
    const trees = { baseline, current: options.root }
    const runs: Record<keyof typeof trees, Measured[]> = { baseline: [], current: [] }
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which goes first, so a slow patch of a shared machine falls on both alike.
      const order = round % 2 === 0 ? (['baseline', 'current'] as const) : (['current', 'baseline'] as const)
      for (const which of order) {
        const dataDir = join(work, `${which}-${round}`)
        runs[which].push(await runWhole(trees[which], input, dataDir))
        // Only the first and last gold of each side are compared: the rest is removed as it goes.
        if (round > 0 && round < options.rounds - 1) rmSync(dataDir, { recursive: true, force: true })
      }
    }
    return [
      `pipeline, whole process (node bin/medallion.mjs run --input), ${options.rounds} rounds alternated; input ${input}`,
      formatComparison(runs.baseline, runs.current, options.rev),
      `gold, ${options.rev} vs this build: ${formatGoldComparison(compareGold(lastGold(runs.baseline), lastGold(runs.current)))}`,
      `gold, this build, first vs last round: ${formatGoldComparison(compareGold(firstGold(runs.current), lastGold(runs.current)))}`,
    ].join('\n')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const firstGold = (runs: Measured[]) => (runs[0] as Measured).gold
const lastGold = (runs: Measured[]) => (runs[runs.length - 1] as Measured).gold

function formatComparison(baseline: Measured[], current: Measured[], rev: string): string {
  const names = [...new Set([...baseline, ...current].flatMap((m) => [...m.steps.keys()]))]
  const cell = (runs: Measured[], pick: (m: Measured) => number | undefined, digits = 2) => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined)
    return values.length ? median(values).toFixed(digits) : '—'
  }
  const lines = [`${'median (s)'.padEnd(22)}${rev.padStart(10)}${'this build'.padStart(12)}`]
  for (const name of names) {
    lines.push(
      `${name.padEnd(22)}${cell(baseline, (m) => m.steps.get(name)).padStart(10)}${cell(current, (m) => m.steps.get(name)).padStart(12)}`,
    )
  }
  const whole = (runs: Measured[]) => median(runs.map((m) => m.wallS))
  const goal = goalFor((current[0] as Measured).purchases)
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
  const peak = (runs: Measured[]) => median(runs.map((m) => m.peakRssMb ?? Number.POSITIVE_INFINITY))
  const wallGoal = goal
    ? `goal at ${goal.scale} ≤ ${goal.wallS} s: ${verdict(whole(current) <= goal.wallS)}; `
    : ''
  const peakGoal =
    goal && 'peakMb' in goal ? `   goal ≤ ${goal.peakMb} MB: ${verdict(peak(current) <= goal.peakMb)}` : ''
  lines.push(
    `${'whole process'.padEnd(22)}${whole(baseline).toFixed(2).padStart(10)}${whole(current).toFixed(2).padStart(12)}   ${wallGoal}${(whole(baseline) / whole(current)).toFixed(2)}× the baseline`,
    `${'CPU, whole (s)'.padEnd(22)}${cell(baseline, (m) => m.cpuS).padStart(10)}${cell(current, (m) => m.cpuS).padStart(12)}`,
    `${'peak RSS (MB)'.padEnd(22)}${cell(baseline, (m) => m.peakRssMb, 0).padStart(10)}${cell(current, (m) => m.peakRssMb, 0).padStart(12)}${peakGoal}`,
    `whole = process start to exit (the CLI's start, the worker, the commit); every round: ${current.map((m) => m.wallS.toFixed(2)).join(', ')} s (this build), ${baseline.map((m) => m.wallS.toFixed(2)).join(', ')} s (${rev})`,
  )
  return lines.join('\n')
}
