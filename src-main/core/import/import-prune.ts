/**
 * Imports go with the run history: once the runs are pruned, an import folder that no kept run read from
 * is removed — unless it is younger than an hour, since it may be the one being previewed or just uploaded.
 */
import { readdirSync, realpathSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { IMPORT_ID_PATTERN } from '../../../src-preload/names-import.ts'
import { importsDir } from '../input-roots.ts'

export const IMPORT_GRACE_MS = 60 * 60 * 1000

function realOrResolved(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/** Removes the unused imports; returns their ids. `keptInputDirs`: the `inputDir` of every kept run. */
export function pruneImports(
  dataDir: string,
  keptInputDirs: readonly (string | undefined)[],
  now = Date.now(),
  graceMs = IMPORT_GRACE_MS,
): string[] {
  const root = importsDir(dataDir)
  let ids: string[]
  try {
    ids = readdirSync(root).filter((name) => IMPORT_ID_PATTERN.test(name))
  } catch {
    return []
  }
  const used = new Set(keptInputDirs.filter((dir) => dir !== undefined).map(realOrResolved))
  const removed: string[] = []
  for (const id of ids) {
    const folder = join(root, id)
    if (used.has(realOrResolved(folder))) continue
    const changed = statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? now
    if (now - changed < graceMs) continue
    rmSync(folder, { recursive: true, force: true })
    removed.push(id)
  }
  return removed
}
