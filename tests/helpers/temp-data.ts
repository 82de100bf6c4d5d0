/** Temporary data folders for tests, with sources written from text, generated, or copied from the seed fixtures. */

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll } from 'vitest'
import { generateSources } from '../../pipelines/generate/generate.ts'
import { SOURCE_PATHS } from '../../scripts/source-paths.ts'
import { type Core, createCore } from '../../src-main/core/app-core.ts'

import { SEED_DIR } from './seed-fixture.ts'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
export { SOURCE_PATHS }
export const WORKER_ENTRY = SOURCE_PATHS.pipelineWorker

/** Folders made by this test file, removed after it (the hook below is the file's: this module loads once per file). */
const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * A fresh folder removed after the test file. Registered here rather than where it is asked for: a hook
 * added inside a test or another hook never runs, and its folder was left behind.
 */
export function tempDir(prefix = 'medallion-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function writeSources(
  dir: string,
  files: { clients?: string | Uint8Array; achats?: string | Uint8Array },
): string {
  mkdirSync(dir, { recursive: true })
  if (files.clients !== undefined) writeFileSync(join(dir, 'clients.csv'), files.clients)
  if (files.achats !== undefined) writeFileSync(join(dir, 'achats.csv'), files.achats)
  return dir
}

/** The original-sized sources, generated (the seed fixtures live beside the repository, not in a clone). */
export async function generatedSources(dir: string): Promise<string> {
  await generateSources({ outDir: dir })
  return dir
}

export function copySeedSources(dir: string): string {
  mkdirSync(dir, { recursive: true })
  for (const name of ['clients.csv', 'achats.csv']) copyFileSync(join(SEED_DIR, name), join(dir, name))
  return dir
}

export function testCore(dataDir: string, keepRuns?: number): Core {
  const core = createCore({ dataDir, paths: SOURCE_PATHS, keepRuns })
  afterAll(() => core.close())
  return core
}
