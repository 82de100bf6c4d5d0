/**
 * Uploading the two files in a browser: one `POST /upload` each (the first makes the import, the second
 * joins it), the bytes streamed as they are, with progress over both and a cancel. XMLHttpRequest, not
 * fetch: only it reports upload progress. The launch token travels as the page's cookie.
 */
import { IMPORT_FILE_NAMES, isImportFileName } from '../../../src-preload/names-import.ts'

export interface UploadProgress {
  /** Bytes sent so far, of `total`, over both files. */
  sent: number
  total: number
  file: string
}

/** Two files, one clients and one achats (.csv or .parquet), or the message saying what is wrong. */
export function checkChosenFiles(files: readonly File[]): File[] | string {
  const wrong = files.find((file) => !isImportFileName(file.name))
  if (wrong)
    return `${wrong.name} is not a source file: the files must be named ${IMPORT_FILE_NAMES.join(', ')}`
  const clients = files.filter((file) => file.name.startsWith('clients.'))
  const achats = files.filter((file) => file.name.startsWith('achats.'))
  if (clients.length !== 1 || achats.length !== 1 || files.length !== 2) {
    return `choose two files, one clients and one achats: got ${files.map((f) => f.name).join(', ') || 'none'}`
  }
  return [clients[0] as File, achats[0] as File]
}

function uploadOne(
  file: File,
  importId: string | undefined,
  signal: AbortSignal,
  onProgress: (sent: number) => void,
): Promise<{ importId: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    const query = new URLSearchParams({ file: file.name, ...(importId ? { import: importId } : {}) })
    request.open('POST', `/upload?${query}`)
    request.setRequestHeader('Content-Type', 'application/octet-stream')
    request.upload.onprogress = (event) => onProgress(event.loaded)
    request.onload = () => {
      let body: { importId?: string; error?: { message?: string } } = {}
      try {
        body = JSON.parse(request.responseText)
      } catch {
        // The message below says what happened.
      }
      if (request.status === 200 && body.importId) resolve({ importId: body.importId })
      else reject(new Error(body.error?.message ?? `uploading ${file.name} failed (HTTP ${request.status})`))
    }
    request.onerror = () => reject(new Error(`uploading ${file.name} failed: the connection was lost`))
    request.onabort = () => reject(new DOMException('the upload was cancelled', 'AbortError'))
    signal.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}

/** A new, empty import: its id is known before any byte goes, so a Cancel can remove whatever arrived. */
async function newImport(): Promise<string> {
  const response = await fetch('/upload/new', { method: 'POST' })
  const body = (await response.json().catch(() => ({}))) as {
    importId?: string
    error?: { message?: string }
  }
  if (!response.ok || !body.importId) {
    throw new Error(body.error?.message ?? `could not start the upload (HTTP ${response.status})`)
  }
  return body.importId
}

/** Uploads clients then achats into one new import; resolves with its id (told to `onImport` first). */
export async function uploadFiles(
  files: readonly File[],
  signal: AbortSignal,
  onProgress: (progress: UploadProgress) => void,
  onImport: (importId: string) => void,
): Promise<string> {
  const total = files.reduce((sum, file) => sum + file.size, 0)
  const importId = await newImport()
  onImport(importId)
  let done = 0
  for (const file of files) {
    const before = done
    await uploadOne(file, importId, signal, (sent) =>
      onProgress({ sent: before + sent, total, file: file.name }),
    )
    done += file.size
  }
  return importId
}

/** Removes an import whose upload did not finish (what arrived before the cancel or the failure). */
export async function discardImport(importId: string): Promise<void> {
  await fetch(`/upload?${new URLSearchParams({ import: importId })}`, { method: 'DELETE' }).catch(
    () => undefined,
  )
}
