/** Builds the app (main, preload, renderer) with electron-vite into a folder, as a user would from a shell. */
import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

/** The repository (not from temp-data.ts, which needs vitest: the UI benchmark builds the app too). */
const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** `singleBundle`: the renderer as one script, no page split (the UI benchmark's baseline). */
export async function buildApp(outDir: string, { singleBundle = false } = {}): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDALLION_SINGLE_BUNDLE: singleBundle ? '1' : '' }
  // Not vitest's "test" mode: the build must be the one users get.
  delete env.NODE_ENV
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  const cli = join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js')
  await promisify(execFile)(process.execPath, [cli, 'build', '--outDir', outDir], {
    cwd: REPO_ROOT,
    env,
    maxBuffer: 16 * 1024 * 1024,
  })
}
