// The CLI and the scripts it starts in other threads and processes, bundled with esbuild into out/cli/:
//   medallion.mjs (the `medallion` command), pipeline-worker.mjs, ml-worker.mjs, bench-child.mjs, and the
//   chunks they share (code only some commands need is loaded when they run).
// Dependencies stay in node_modules, as in the Electron build. `npm run build` builds it; bin/medallion.mjs
// rebuilds it when a file it was built from has changed, so a clone needs no build step.
// Plain JavaScript, so that the `medallion` command can check it without compiling anything.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const REPO_ROOT = resolve(import.meta.dirname, '..')
export const CLI_OUT_DIR = join(REPO_ROOT, 'out', 'cli')
const INPUTS_FILE = join(CLI_OUT_DIR, 'inputs.json')
/** Bumped when the build options change, so that older bundles are rebuilt. */
const FORMAT = 1

const ENTRIES = {
  medallion: 'src-main/cli-entry.ts',
  'pipeline-worker': 'pipelines/worker.ts',
  'ml-worker': 'pipelines/ml/worker.ts',
  'bench-child': 'src-main/core/bench/pipeline-child.ts',
}

/** The built files the core is handed, by name. */
export const CLI_BUNDLE = Object.fromEntries(
  Object.keys(ENTRIES).map((name) => [name, join(CLI_OUT_DIR, `${name}.mjs`)]),
)

/** True when the bundle exists and no file it was built from (nor this script) has changed since. */
export function cliBundleUpToDate() {
  let recorded
  try {
    recorded = JSON.parse(readFileSync(INPUTS_FILE, 'utf8'))
  } catch {
    return false
  }
  if (recorded.format !== FORMAT) return false
  if (!Object.values(CLI_BUNDLE).every((file) => existsSync(file))) return false
  return Object.entries(recorded.inputs).every(([file, mtime]) => {
    try {
      return statSync(file).mtimeMs === mtime
    } catch {
      return false
    }
  })
}

/** Replaces a file whole (another process may be loading it), never in place. */
function writeAtomically(path, data) {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, data)
  renameSync(temp, path)
}

/**
 * Builds the bundle. `clean` empties out/cli first (npm run build); a rebuild on demand does not, since
 * a running `medallion serve` may still load chunks of the bundle it started from.
 */
export async function buildCliBundle({ clean = false } = {}) {
  const { build } = await import('esbuild')
  if (clean) rmSync(CLI_OUT_DIR, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.entries(ENTRIES).map(([out, entry]) => ({ in: entry, out })),
    outdir: CLI_OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // nodejs-polars (native), dockerode, mongodb… load from node_modules at run time.
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const inputs = {}
  for (const file of [...Object.keys(result.metafile.inputs), 'scripts/cli-bundle.mjs']) {
    const path = resolve(REPO_ROOT, file)
    inputs[path] = statSync(path).mtimeMs
  }
  // Chunks first, the entries that import them after, the record of inputs last.
  const isEntry = (path) => Object.values(CLI_BUNDLE).includes(path)
  const outputs = [...result.outputFiles].sort((a, b) => Number(isEntry(a.path)) - Number(isEntry(b.path)))
  for (const file of outputs) writeAtomically(file.path, file.contents)
  writeAtomically(INPUTS_FILE, JSON.stringify({ format: FORMAT, inputs }))
  return CLI_OUT_DIR
}

/** The bundle's folder, rebuilt first when a source changed. */
export async function ensureCliBundle() {
  if (!cliBundleUpToDate()) await buildCliBundle()
  return CLI_OUT_DIR
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now()
  await buildCliBundle({ clean: process.argv.includes('--clean') })
  console.log(`cli-bundle: built ${CLI_OUT_DIR} in ${Math.round(performance.now() - started)} ms`)
}
