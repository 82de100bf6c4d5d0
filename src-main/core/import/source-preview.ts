/**
 * `sources.preview`: what a run on a folder would read and keep, before it runs. Reads only the input
 * files (no data lock, no run committed); bronze's UTF-8 copies go to a scratch folder in the data folder
 * (a file may be gigabytes, more than a temporary folder holds), removed at the end. A new preview of a
 * folder stops the one still reading it: the page asks again each time the dialect changes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CallArgs } from '../../../src-preload/contract.ts'
import type { FilePreview, ImportPreview } from '../../../src-preload/contract-import.ts'
import { MedallionError } from '../errors.ts'
import { importsDir } from '../input-roots.ts'
import { sourceFile } from '../pipeline.ts'
import { rejectLabel } from '../runs/reject-labels.ts'
import { importFolder } from './import-folders.ts'
import { previewInWorker } from './preview-worker.ts'

export interface SourcePreviewDeps {
  dataDir: string
  workerEntry: string | URL
  now?: () => Date
}

/** Each reject reason with what it means, as the run detail shows it. */
function withLabels(preview: ImportPreview): ImportPreview {
  const label = (file: FilePreview): FilePreview => ({
    ...file,
    rejects: file.rejects.map((reason) => ({ ...reason, label: rejectLabel(reason.reason) })),
  })
  return { ...preview, files: { clients: label(preview.files.clients), achats: label(preview.files.achats) } }
}

/** The preview under way per folder, so a newer one can stop it. */
const underWay = new Map<string, AbortController>()

export async function previewSources(
  deps: SourcePreviewDeps,
  args: CallArgs<'sources.preview'>,
): Promise<ImportPreview> {
  const inputDir = args.importId ? importFolder(deps.dataDir, args.importId) : resolve(args.inputDir ?? '')
  const sources = { clients: sourceFile(inputDir, 'clients'), achats: sourceFile(inputDir, 'achats') }
  underWay
    .get(inputDir)
    ?.abort(new MedallionError('superseded', `a newer preview of ${inputDir} replaced this one`))
  const controller = new AbortController()
  underWay.set(inputDir, controller)
  mkdirSync(importsDir(deps.dataDir), { recursive: true })
  // A dot name: never taken for an import (nor pruned as one).
  const workDir = mkdtempSync(join(importsDir(deps.dataDir), '.preview-'))
  try {
    const nowMicros = (deps.now?.() ?? new Date()).getTime() * 1000
    const plan = { inputDir, sources, workDir, nowMicros, ...(args.dialect ? { dialect: args.dialect } : {}) }
    return withLabels(await previewInWorker(deps.workerEntry, plan, controller.signal))
  } finally {
    if (underWay.get(inputDir) === controller) underWay.delete(inputDir)
    rmSync(workDir, { recursive: true, force: true })
  }
}
