/**
 * Where a pipeline run started over HTTP may read its input: the data folder's `sources/` (the default)
 * and `imports/` (uploads), and the allowed roots — MEDALLION_INPUT_ROOTS (a list separated like PATH)
 * and the `inputRoots` saved from the window's settings. Read at each call, so a change applies at once.
 */
import { delimiter, join } from 'node:path'
import type { Env } from './settings/settings-env.ts'
import { readSettingsFile } from './settings/settings-file.ts'

export const INPUT_ROOTS_VARIABLE = 'MEDALLION_INPUT_ROOTS'

/** The folders a run over HTTP may read, as configured (not yet resolved: see http-policy.ts). */
export interface InputFolders {
  /** The data folder's own: its sources/ and imports/. */
  dataFolders: readonly string[]
  /** The allowed roots now: the environment's, then the saved ones. */
  roots(): string[]
}

/** The data folder's folder of uploaded inputs. */
export function importsDir(dataDir: string): string {
  return join(dataDir, 'imports')
}

/** MEDALLION_INPUT_ROOTS split on the platform's path delimiter, blanks ignored. */
export function envInputRoots(env: Env): string[] {
  return (env[INPUT_ROOTS_VARIABLE] ?? '')
    .split(delimiter)
    .map((root) => root.trim())
    .filter((root) => root !== '')
}

export function inputFolders(dataDir: string, env: Env): InputFolders {
  return {
    dataFolders: [join(dataDir, 'sources'), importsDir(dataDir)],
    roots: () => [...envInputRoots(env), ...(readSettingsFile(dataDir).stored.inputRoots ?? [])],
  }
}
