/**
 * Runs a host binary inside the test image (a static busybox, no C library): the binary's folder and the
 * folder of the host's glibc are mounted, and the host's loader starts the binary with that library path.
 * Found with `ldd`, so only a dynamically linked glibc binary whose libraries share one folder qualifies.
 */
import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { basename, dirname } from 'node:path'

export interface HostLibraries {
  /** The folder holding the loader and every library the binaries need (mounted as /hostlib). */
  dir: string
  /** The loader's file name in that folder (e.g. ld-linux-x86-64.so.2). */
  loader: string
}

/** The host libraries the binaries need, or why they cannot run in the test image. */
export function hostLibraries(binaries: string[]): HostLibraries | { skipReason: string } {
  const paths = new Set<string>()
  for (const binary of binaries) {
    const ldd = spawnSync('ldd', [binary], { encoding: 'utf8' })
    if (ldd.status !== 0) return { skipReason: `ldd ${binary} failed: ${ldd.stderr.trim()}` }
    for (const match of ldd.stdout.matchAll(/(\/\S+) \(0x/g)) paths.add(realpathSync(match[1] as string))
  }
  const dirs = new Set([...paths].map((path) => dirname(path)))
  const loader = [...paths].find((path) => basename(path).startsWith('ld-linux'))
  if (dirs.size !== 1 || !loader)
    return {
      skipReason: `the host's libraries are not in one folder with a loader: ${[...paths].join(', ')}`,
    }
  return { dir: [...dirs][0] as string, loader: basename(loader) }
}
