/**
 * Outside Electron the pipeline worker runs from one JavaScript bundle built with esbuild, not through
 * tsx: a worker then starts in ~80 ms instead of ~400 ms. The bundle is rebuilt only when one of the
 * files it was built from has changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { buildSync } from 'esbuild'

const REPO_ROOT = resolve(import.meta.dirname, '../..')
const ENTRY = join(REPO_ROOT, 'pipelines/worker.ts')
const OUT_DIR = join(REPO_ROOT, 'node_modules/.cache/medallion')
const BUNDLE = join(OUT_DIR, 'pipeline-worker.mjs')
const INPUTS = join(OUT_DIR, 'pipeline-worker.inputs.json')

function upToDate(): boolean {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return false
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8')) as Record<string, number>
  return Object.entries(inputs).every(([file, mtime]) => existsSync(file) && statSync(file).mtimeMs === mtime)
}

/** Returns the path of an up-to-date worker bundle, building it first if needed. */
export function pipelineWorkerBundle(): string {
  if (upToDate()) return BUNDLE
  mkdirSync(dirname(BUNDLE), { recursive: true })
  const result = buildSync({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The native addon and the rest of node_modules load at run time, as in the Electron build.
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    write: false,
  })
  const inputs: Record<string, number> = {}
  for (const file of Object.keys(result.metafile?.inputs ?? {})) {
    const path = resolve(REPO_ROOT, file)
    inputs[path] = statSync(path).mtimeMs
  }
  // Other processes (parallel tests, the app) may be loading the bundle: replace it whole, never in place.
  const writeAtomically = (path: string, data: string | Uint8Array) => {
    const temp = `${path}.${process.pid}.tmp`
    writeFileSync(temp, data)
    renameSync(temp, path)
  }
  for (const file of result.outputFiles ?? []) writeAtomically(file.path, file.contents)
  writeAtomically(INPUTS, JSON.stringify(inputs))
  return BUNDLE
}
