/**
 * `sources.preview`: what a run on a folder would read and keep, before it runs. Reads only the input
 * files (no data lock, no run committed); bronze's UTF-8 copies go to a scratch folder removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { CallArgs } from '../../../src-preload/contract.ts'
import type { ImportPreview } from '../../../src-preload/contract-import.ts'
import { sourceFile } from '../pipeline.ts'
import { importFolder } from './import-folders.ts'
import { previewInWorker } from './preview-worker.ts'

export interface SourcePreviewDeps {
  dataDir: string
  workerEntry: string | URL
  now?: () => Date
}

export async function previewSources(
  deps: SourcePreviewDeps,
  args: CallArgs<'sources.preview'>,
): Promise<ImportPreview> {
  const inputDir = args.importId ? importFolder(deps.dataDir, args.importId) : resolve(args.inputDir ?? '')
  const sources = { clients: sourceFile(inputDir, 'clients'), achats: sourceFile(inputDir, 'achats') }
  const workDir = mkdtempSync(join(tmpdir(), 'medallion-preview-'))
  try {
    const nowMicros = (deps.now?.() ?? new Date()).getTime() * 1000
    return await previewInWorker(deps.workerEntry, {
      inputDir,
      sources,
      workDir,
      nowMicros,
      ...(args.dialect ? { dialect: args.dialect } : {}),
    })
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}
