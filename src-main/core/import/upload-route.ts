/**
 * `POST /upload?file=<clients|achats>.<csv|parquet>[&import=<id>]` (web mode, the owner's token required):
 * streams the request body into `<data>/imports/<id>/<file>` — a new id when none is given, so the first
 * file makes the import and the second joins it. The body is written under a temporary name and renamed
 * only when whole; past the limit (413), on an abort or a failure, the partial file goes, and so does an
 * import folder this request made. Answers `{ importId, file, bytes, complete }`. `POST /upload/new` makes
 * an empty import first (the page does, so it knows the id before any byte goes); `DELETE ?import=<id>`
 * removes an import not yet complete (the page's Cancel).
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { IMPORT_FILE_NAMES, isImportFileName } from '../../../src-preload/names-import.ts'
import { sendJson } from '../api/http-io.ts'
import type { WebRoute } from '../api/web.ts'
import { errorMessage } from '../errors.ts'
import { importsDir } from '../input-roots.ts'
import { importFolder, importHolds, newImportId } from './import-folders.ts'
import { formatByteSize, UPLOAD_LIMIT_VARIABLE } from './upload-limit.ts'

export const UPLOAD_PATH = '/upload'
/** `POST /upload/new`: an empty import, so a page knows the id before any byte goes (its Cancel removes it all). */
export const NEW_IMPORT_PATH = '/upload/new'

export interface UploadRouteOptions {
  dataDir: string
  /** Bytes one file may have (upload-limit.ts). */
  limit: number
  now?: () => Date
}

class TooLarge extends Error {}
class Aborted extends Error {}

function tooLargeMessage(file: string, limit: number): string {
  return (
    `${file} is larger than the upload limit of ${formatByteSize(limit)}: ` +
    `start \`medallion serve\` with ${UPLOAD_LIMIT_VARIABLE}=<size> (e.g. 8GiB) to allow larger files, ` +
    'or run `medallion run --input <folder>` on the machine that has them'
  )
}

/** Counts the bytes going through, and fails the stream once they pass the limit. */
function byteLimit(limit: number): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length
      done(counter.bytes > limit ? new TooLarge() : null, chunk)
    },
  }) as Transform & { bytes: number }
  counter.bytes = 0
  return counter
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  // The rest of the body is not read: the connection closes after the answer.
  sendJson(res, status, { error: { code, message } }, { Connection: 'close' })
}

async function receive(
  req: IncomingMessage,
  res: ServerResponse,
  options: UploadRouteOptions,
): Promise<void> {
  const search = new URLSearchParams((req.url ?? '').split('?')[1] ?? '')
  const file = search.get('file') ?? ''
  if (!isImportFileName(file)) {
    return fail(
      res,
      400,
      'bad_file_name',
      `file must be one of ${IMPORT_FILE_NAMES.join(', ')}, got "${file.slice(0, 40)}"`,
    )
  }
  const given = search.get('import')
  let folder: string
  let importId: string
  try {
    importId = given ?? newImportId(options.now?.())
    folder = importFolder(options.dataDir, importId)
  } catch (err) {
    return fail(res, 400, 'bad_import', errorMessage(err))
  }
  if (given && !existsSync(folder)) {
    return fail(res, 404, 'no_import', `no import ${given}: start one by uploading a file without import=`)
  }
  const holds = given ? importHolds(folder) : { clients: false, achats: false }
  // A complete import may be what a run read: its files stay as that run read them.
  if (holds.clients && holds.achats) {
    return fail(
      res,
      409,
      'import_complete',
      `import ${given} is complete: upload into a new one (without import=)`,
    )
  }
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > options.limit) {
    return fail(res, 413, 'too_large', tooLargeMessage(file, options.limit))
  }
  const madeFolder = !existsSync(folder)
  mkdirSync(folder, { recursive: true })
  const partial = join(folder, `.${file}.${process.pid}-${Date.now()}.partial`)
  const counter = byteLimit(options.limit)
  const cleanUp = () => {
    rmSync(partial, { force: true })
    if (madeFolder && readdirSync(folder).length === 0) rmSync(folder, { recursive: true, force: true })
  }
  // Not pipeline(req, …): on an error it would destroy the request's socket before the 413 is sent.
  const written = pipeline(counter, createWriteStream(partial, { flags: 'wx' }))
  req.on('close', () => {
    if (!req.complete) counter.destroy(new Aborted())
  })
  req.pipe(counter)
  try {
    await written
    renameSync(partial, join(folder, file))
  } catch (err) {
    req.unpipe(counter)
    req.resume()
    cleanUp()
    if (err instanceof TooLarge) return fail(res, 413, 'too_large', tooLargeMessage(file, options.limit))
    // An aborted request has no one to answer; anything else is the server's failure, said plainly.
    if (err instanceof Aborted || res.destroyed) return
    return fail(res, 500, 'upload_failed', `could not save ${file}: ${errorMessage(err)}`)
  }
  const after = importHolds(folder)
  sendJson(res, 200, { importId, file, bytes: counter.bytes, complete: after.clients && after.achats })
}

/** `DELETE /upload?import=<id>`: the page gives up an import it did not finish (its upload cancelled). */
function discard(req: IncomingMessage, res: ServerResponse, options: UploadRouteOptions): void {
  req.resume()
  const given = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('import') ?? ''
  let folder: string
  try {
    folder = importFolder(options.dataDir, given)
  } catch (err) {
    fail(res, 400, 'bad_import', errorMessage(err))
    return
  }
  const holds = importHolds(folder)
  // A complete import may be what a run read: it goes with the run history, never from here.
  if (holds.clients && holds.achats) {
    fail(res, 409, 'import_complete', `import ${given} is complete: it is removed with the run history`)
    return
  }
  rmSync(folder, { recursive: true, force: true })
  sendJson(res, 200, { importId: given, removed: true })
}

function newImport(req: IncomingMessage, res: ServerResponse, options: UploadRouteOptions): void {
  req.resume()
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: `POST ${NEW_IMPORT_PATH} only` }, { Allow: 'POST' })
    return
  }
  const importId = newImportId(options.now?.())
  mkdirSync(importFolder(options.dataDir, importId), { recursive: true })
  sendJson(res, 200, { importId, complete: false })
}

export function uploadRoute(options: UploadRouteOptions): WebRoute {
  return {
    matches: (path) => path === UPLOAD_PATH || path === NEW_IMPORT_PATH,
    access: 'owner',
    handle: async (req, res, path) => {
      // The imports folder exists before any upload, so the input-roots policy can resolve it.
      mkdirSync(importsDir(options.dataDir), { recursive: true })
      if (path === NEW_IMPORT_PATH) return newImport(req, res, options)
      if (req.method === 'DELETE') return discard(req, res, options)
      if (req.method !== 'POST') {
        req.resume()
        return sendJson(res, 405, { error: `POST or DELETE ${UPLOAD_PATH} only` }, { Allow: 'POST, DELETE' })
      }
      await receive(req, res, options)
    },
  }
}
