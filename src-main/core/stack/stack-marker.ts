/**
 * `<data>/stack.json` says the data folder's lake and serving moved to the stack: written when Up
 * finished, removed by Down and Reset. A later start of the app or the CLI reads it to connect to the
 * same MinIO and MongoDB (environment variables still win).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomicSync } from '../atomic-file.ts'

export interface StackMarker {
  project: string
  composeFile: string
  profiles: string[]
  since: string
  /** Services whose volumes predate the stack's credentials (volume-credentials.ts): they run without them. */
  withoutAuth?: string[]
}

function markerPath(dataDir: string): string {
  return join(dataDir, 'stack.json')
}

export function readStackMarker(dataDir: string): StackMarker | undefined {
  try {
    const value = JSON.parse(readFileSync(markerPath(dataDir), 'utf8')) as Partial<StackMarker>
    if (typeof value.project !== 'string' || typeof value.composeFile !== 'string') return undefined
    return {
      project: value.project,
      composeFile: value.composeFile,
      profiles: Array.isArray(value.profiles) ? value.profiles.filter((p) => typeof p === 'string') : [],
      since: typeof value.since === 'string' ? value.since : '',
      withoutAuth: Array.isArray(value.withoutAuth)
        ? value.withoutAuth.filter((s) => typeof s === 'string')
        : [],
    }
  } catch {
    return undefined
  }
}

export function writeStackMarker(dataDir: string, marker: StackMarker): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileAtomicSync(markerPath(dataDir), `${JSON.stringify(marker, null, 2)}\n`)
}

export function removeStackMarker(dataDir: string): void {
  rmSync(markerPath(dataDir), { force: true })
}
