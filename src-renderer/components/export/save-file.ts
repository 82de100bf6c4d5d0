/**
 * The one way an export leaves the app. Inside Electron the core's `files.save` opens the system save
 * dialog; in a browser the file is downloaded through a Blob and an anchor.
 */
import type { ExportMime, SaveOutcome } from '../../../src-preload/contract-files.ts'
import { createIpcClient } from '../../api/ipc-client.ts'

function toBase64(bytes: Uint8Array): string {
  // In chunks: String.fromCharCode with millions of arguments overflows the stack.
  let binary = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

function download(fileName: string, mime: ExportMime, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }))
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // The browser has taken the data once the click is handled; the URL only needs to outlive it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export async function saveFile(fileName: string, mime: ExportMime, bytes: Uint8Array): Promise<SaveOutcome> {
  if (window.medallion) {
    const client = createIpcClient(window.medallion)
    return client.invoke('files.save', { fileName, mime, dataBase64: toBase64(bytes) })
  }
  download(fileName, mime, bytes)
  return { saved: true }
}

export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
