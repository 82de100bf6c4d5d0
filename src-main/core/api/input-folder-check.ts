/**
 * Whether a pipeline run started over HTTP may read a folder: the folder and every source file in it the
 * run may read, resolved with realpath (so no link leaves), must be inside the data folder's own input
 * folders or an allowed root. Refusals name the folder or file and how to allow it, never what it holds.
 */
import { lstat, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { MedallionError } from '../errors.ts'
import { INPUT_ROOTS_VARIABLE, type InputFolders } from '../input-roots.ts'

/** The files a run reads from its input folder (see sourceFile in pipeline.ts). */
const SOURCE_FILES = ['clients.csv', 'clients.parquet', 'achats.csv', 'achats.parquet'] as const

const HOW_TO_ALLOW =
  `list it (or a folder above it) in ${INPUT_ROOTS_VARIABLE} when starting \`medallion serve\`, ` +
  `or add it in the desktop app's Settings (Folders a browser may run on; "inputRoots" in the data folder's settings.json, never changed over HTTP)`

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** Each allowed folder resolved; one that does not exist (yet) allows nothing. */
async function allowedFolders(folders: InputFolders): Promise<string[]> {
  const all = [...folders.dataFolders, ...folders.roots()].map((folder) => resolve(folder))
  const real = await Promise.all(all.map((folder) => realpath(folder).catch(() => undefined)))
  return real.filter((folder): folder is string => folder !== undefined)
}

function outside(what: string): MedallionError {
  return new MedallionError(
    'input_not_allowed',
    `${what} is outside the folders a run started over HTTP may read (the data folder's imports/ and ` +
      `sources/, and the allowed input roots): ${HOW_TO_ALLOW}`,
  )
}

/** Refuses a source file of `folder` that is a link leading outside the allowed folders (or nowhere). */
async function checkSourceFile(
  folder: string,
  shown: string,
  name: string,
  allowed: string[],
): Promise<void> {
  const path = join(folder, name)
  const entry = await lstat(path).catch(() => undefined)
  if (!entry) return
  const real = await realpath(path).catch(() => undefined)
  if (real === undefined) {
    throw new MedallionError(
      'input_not_allowed',
      `${join(shown, name)} is a link that cannot be followed (its target is missing, or links loop): replace it with the file itself`,
    )
  }
  if (!allowed.some((root) => inside(real, root))) {
    throw new MedallionError(
      'input_not_allowed',
      `${join(shown, name)} is a link to a file outside the folders a run started over HTTP may read: ` +
        `copy the file into ${shown} instead, or ${HOW_TO_ALLOW}`,
    )
  }
}

/**
 * The folder a run over HTTP reads, resolved, once it and its source files are allowed; throws
 * `input_not_allowed` otherwise. A folder that does not exist is refused as outside unless its path is
 * inside an allowed folder (then the run names it missing): the answer tells nothing of other folders.
 */
export async function checkInputFolder(inputDir: string, folders: InputFolders): Promise<string> {
  const shown = resolve(inputDir)
  const allowed = await allowedFolders(folders)
  const real = await realpath(shown).catch(() => undefined)
  if (real === undefined) {
    const lexical = [...folders.dataFolders, ...folders.roots()].map((folder) => resolve(folder))
    if (lexical.some((folder) => inside(shown, folder))) return shown
    throw outside(`the input folder ${shown}`)
  }
  if (!allowed.some((root) => inside(real, root))) throw outside(`the input folder ${shown}`)
  for (const name of SOURCE_FILES) await checkSourceFile(real, shown, name, allowed)
  return real
}
