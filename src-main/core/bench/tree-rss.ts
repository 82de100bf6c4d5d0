/**
 * The peak memory of a process and its descendants (Linux): a big run's worker is a process of its own
 * (plan-process.ts), so a benchmark measuring only the process it started would miss it. Sampled: the sum
 * of the tree's resident sets every `everyMs`, never below the root's own high-water mark.
 */
import { readFileSync } from 'node:fs'

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0 // gone, or not Linux
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
  } catch {
    return []
  }
}

function treeRssKb(pid: number): number {
  return statusKb(pid, 'VmRSS') + childrenOf(pid).reduce((sum, child) => sum + treeRssKb(child), 0)
}

export interface TreePeak {
  /** Stops sampling; the peak in kB (0 where /proc cannot be read). */
  stop(): number
}

export function sampleTreePeak(pid: number, everyMs = 20): TreePeak {
  let peak = 0
  const sample = () => {
    peak = Math.max(peak, treeRssKb(pid), statusKb(pid, 'VmHWM'))
  }
  const timer = setInterval(sample, everyMs)
  return {
    stop() {
      sample()
      clearInterval(timer)
      return peak
    },
  }
}
