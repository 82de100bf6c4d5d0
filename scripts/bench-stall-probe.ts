/**
 * bench:stall's /health prober, in a process of its own: the load clients' work in the bench's process
 * must not delay the probe's answers. Usage: tsx scripts/bench-stall-probe.ts URL PATH INTERVAL_MS DURATION_MS;
 * prints the LoadResult as JSON.
 */
import { probeRun } from '../src-main/core/bench/http-load.ts'

const [url = '', path = '/health', intervalMs = '100', durationMs = '10000'] = process.argv.slice(2)
const result = await probeRun(url, path, Number(intervalMs), Number(durationMs))
process.stdout.write(`${JSON.stringify(result)}\n`)
