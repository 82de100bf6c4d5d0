/**
 * Changing the data folder from the desktop app's Settings. "Use" points the app at another folder; "move"
 * copies the whole folder there, checks the copy file by file, and only then removes the old folder.
 * Moving is refused while anything writes the folder (the data lock: a run, a generate or a reset, in this
 * process or another), and a failed copy leaves the old folder as it was and the new one as it was found.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { cp, readdir, rm, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { DataFolderChange } from '../../src-preload/names-app.ts'
import { acquireDataLock, LOCK_FILE } from './data-lock.ts'
import { errorMessage, MedallionError } from './errors.ts'

function within(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** Why `to` cannot become the data folder instead of `from`, as a MedallionError; nothing when it can. */
export function checkNewDataFolder(from: string, to: string, change: DataFolderChange): void {
  const [source, target] = [resolve(from), resolve(to)]
  const refuse = (why: string) => {
    throw new MedallionError('invalid_folder', `${target} cannot be the data folder: ${why}`)
  }
  if (source === target) refuse('it already is')
  if (within(source, target)) refuse(`it is inside the current data folder ${source}`)
  if (change === 'move' && within(target, source)) refuse(`the current data folder ${source} is inside it`)
  if (!existsSync(target)) return
  if (!statSync(target).isDirectory()) refuse('it is a file, not a folder')
  if (change === 'move' && readdirSync(target).length > 0) {
    refuse('it is not empty (moving needs an empty folder; to use the data already there, choose "Use")')
  }
}

async function filesUnder(root: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && !(e.parentPath === root && e.name === LOCK_FILE))
  return Promise.all(
    files.map(async (e) => {
      const path = relative(root, join(e.parentPath, e.name))
      return { path, size: (await stat(join(root, path))).size }
    }),
  )
}

/** Copies `from` into `to`, checks the copy, then removes `from`. */
export async function moveDataFolder(from: string, to: string): Promise<{ files: number; bytes: number }> {
  checkNewDataFolder(from, to, 'move')
  const [source, target] = [resolve(from), resolve(to)]
  const lock = acquireDataLock(source, 'moving the data folder')
  const targetExisted = existsSync(target)
  let moved: { files: number; bytes: number }
  try {
    const files = await filesUnder(source)
    try {
      await cp(source, target, {
        recursive: true,
        errorOnExist: true,
        force: false,
        preserveTimestamps: true,
        filter: (path) => relative(source, path) !== LOCK_FILE,
      })
      for (const file of files) {
        const copied = await stat(join(target, file.path)).catch(() => undefined)
        if (copied?.size !== file.size) throw new Error(`${file.path} was not copied whole`)
      }
    } catch (err) {
      // The old folder is untouched: undo the copy so the new place is as it was found.
      await (targetExisted ? emptyFolder(target) : rm(target, { recursive: true, force: true }))
      throw new MedallionError(
        'move_failed',
        `the data folder could not be copied to ${target} (${errorMessage(err)}); nothing was moved and ${source} is still in use`,
      )
    }
    // The copy is whole: the old folder goes, its lock last.
    await emptyFolder(source, LOCK_FILE)
    moved = { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) }
  } finally {
    lock.release()
  }
  await rm(source, { recursive: true, force: true })
  return moved
}

async function emptyFolder(dir: string, keep?: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name !== keep) await rm(join(dir, name), { recursive: true, force: true })
  }
}
