/**
 * The read and edit of one of the automation files (schedules.json, watches.json): validated with zod at
 * each read (a bad file is named with the field at fault), changed under a short lock (the CLI, the window
 * and `medallion serve` may edit at once) and written atomically.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { z } from 'zod'
import { writeFileAtomicSync } from '../atomic-file.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { acquireFileLock, LockHeldError } from '../file-lock.ts'

export interface AutomationFile {
  path: string
  /** The file's whole content, `{ version: 1, [key]: T[] }`. */
  schema: z.ZodType<{ version: 1 } & Record<string, unknown>>
  key: string
  /** The error code of a bad file, and what the file holds ("schedules"). */
  badCode: string
  what: string
}

/** How long an edit waits for another process's edit (each takes milliseconds). */
const EDIT_WAIT_MS = 3_000

function badFile(file: AutomationFile, problem: string): MedallionError {
  return new MedallionError(
    file.badCode,
    `${file.path}: ${problem}; fix the file, or remove it to start with no ${file.what}`,
  )
}

/** The entries, in the order they were added; none when the file does not exist. */
export function readAutomationFile<T>(file: AutomationFile): T[] {
  let text: string
  try {
    text = readFileSync(file.path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw badFile(file, `cannot be read (${errorMessage(err)})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw badFile(file, `not JSON (${errorMessage(err)})`)
  }
  const parsed = file.schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badFile(file, `${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data[file.key] as T[]
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Applies `edit` to the stored entries under the file's lock, and writes the result whole. */
export async function editAutomationFile<T, R>(file: AutomationFile, edit: (entries: T[]) => R): Promise<R> {
  mkdirSync(dirname(file.path), { recursive: true })
  const deadline = Date.now() + EDIT_WAIT_MS
  for (;;) {
    let lock: ReturnType<typeof acquireFileLock>
    try {
      lock = acquireFileLock(`${file.path}.lock`, `editing the ${file.what}`, { subject: file.path })
    } catch (err) {
      if (!(err instanceof LockHeldError) || Date.now() > deadline) throw err
      await sleep(20)
      continue
    }
    try {
      const entries = readAutomationFile<T>(file)
      const result = edit(entries)
      writeFileAtomicSync(file.path, `${JSON.stringify({ version: 1, [file.key]: entries }, null, 2)}\n`)
      return result
    } finally {
      lock.release()
    }
  }
}

/** A new id: the prefix (`s` a schedule, `w` a watch), a dash and 8 base-36 characters. */
export function newAutomationId(prefix: string): string {
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36)
  return `${prefix}-${random.padStart(8, '0').slice(-8)}`
}
