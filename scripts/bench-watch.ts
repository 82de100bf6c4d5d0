/**
 * `npm run bench:watch`: how soon a watched folder starts a run after a slow copy ends, and the CPU the
 * watch costs meanwhile — `watchFolder` (a settle timer re-armed by each event, sizes and mtimes compared
 * once when it fires) against chokidar's `awaitWriteFinish` (each file's stat polled every 100 ms until
 * stable) plus the debounce that still needs to make one run of two files, measured in the same run.
 * Usage: npm run bench:watch -- [--rounds N] [--settle MS]
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { watch } from 'chokidar'
import { watchFolder } from '../src-main/core/automation/folder-watch.ts'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, settle: { type: 'string', default: '1000' } },
})
const rounds = Number(values.rounds)
const settleMs = Number(values.settle)

/** Writes clients.csv in 10 chunks 100 ms apart; resolves with the time of the last write. */
async function slowCopy(dir: string): Promise<number> {
  const path = join(dir, 'clients.csv')
  writeFileSync(path, '')
  let last = 0
  for (let i = 0; i < 10; i++) {
    await sleep(100)
    appendFileSync(path, `${'x'.repeat(10_000)}\n`)
    last = performance.now()
  }
  return last
}

type Start = (dir: string, settled: () => void) => Promise<{ close(): Promise<void> }>

const candidates: Record<string, Start> = {
  watchFolder: async (dir, settled) =>
    watchFolder({ dir, settleMs, onSettled: settled, onError: (error) => console.error(error) }),
  'awaitWriteFinish + debounce': async (dir, settled) => {
    let timer: NodeJS.Timeout | undefined
    const watcher = watch(dir, {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: 100 },
    })
    watcher.on('all', () => {
      clearTimeout(timer)
      timer = setTimeout(settled, settleMs)
    })
    return { close: () => watcher.close().finally(() => clearTimeout(timer)) }
  },
}

for (const [name, start] of Object.entries(candidates)) {
  const latencies: number[] = []
  let cpuMs = 0
  for (let round = 0; round < rounds; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-bench-watch-'))
    let settledAt = 0
    let signals = 0
    const watcher = await start(dir, () => {
      settledAt = performance.now()
      signals++
    })
    await sleep(500)
    const cpu = process.cpuUsage()
    const last = await slowCopy(dir)
    while (signals === 0) await sleep(20)
    const used = process.cpuUsage(cpu)
    cpuMs += (used.user + used.system) / 1000
    latencies.push(settledAt - last)
    await watcher.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length
  console.log(
    `${name.padEnd(28)} run starts ${mean.toFixed(0)} ms after the last write (settle ${settleMs} ms), CPU ${(cpuMs / rounds).toFixed(0)} ms per copy`,
  )
}
