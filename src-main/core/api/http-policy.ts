/**
 * What the contract may do over HTTP (web mode's /rpc), on top of the handlers the window and the CLI use:
 * the calls that act on the desktop are refused as `window_only`; a pipeline run reads only folders under
 * the data folder's imports/ and sources/ or an allowed root (input-folder-check.ts), and so does a
 * schedule's or a saved watch's folder; and the allowed roots
 * themselves, like the window's "keep running in the background", are changed only from the window or
 * the environment, never by an HTTP caller.
 */
import { CALL_NAMES } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import { isWindowOnly, windowOnlyMessage } from '../handlers/window-only.ts'
import { INPUT_ROOTS_VARIABLE, type InputFolders, inputFolders } from '../input-roots.ts'
import type { Handlers } from '../rpc.ts'
import type { Env } from '../settings/settings-env.ts'
import { checkInputFolder } from './input-folder-check.ts'

export interface HttpPolicyContext {
  /** Named in the window-only calls' messages (where to find the data folder without the window). */
  dataDir: string
  inputs: InputFolders
}

/** The policy of a server on `dataDir`, its allowed roots read from `env` and the settings at each call. */
export function httpPolicyOf(dataDir: string, env: Env): HttpPolicyContext {
  return { dataDir, inputs: inputFolders(dataDir, env) }
}

function refuseWindowOnly(context: HttpPolicyContext, handlers: Handlers): Handlers {
  const refused = { ...handlers }
  for (const name of CALL_NAMES) {
    if (!isWindowOnly(name)) continue
    Object.assign(refused, {
      [name]: async () => {
        throw new MedallionError('window_only', windowOnlyMessage(name, context.dataDir))
      },
    })
  }
  return refused
}

/** The settings only the window (or a hand edit of settings.json) changes, and what to do instead. */
const WINDOW_ONLY_SETTINGS = {
  inputRoots: `the input roots (the folders a run over HTTP may read) are changed only in the desktop app's Settings (or in the data folder's settings.json) or with ${INPUT_ROOTS_VARIABLE} when starting \`medallion serve\``,
  keepRunningInBackground:
    "whether Medallion keeps running in the background once its window closes is chosen in the desktop app's Settings (or as keepRunningInBackground in the data folder's settings.json)",
} as const

/** `handlers` as HTTP callers may use them. */
export function httpHandlers(handlers: Handlers, context: HttpPolicyContext): Handlers {
  return {
    ...refuseWindowOnly(context, handlers),
    'pipeline.run': async (args) => {
      if (args.inputDir === undefined) return handlers['pipeline.run'](args)
      // The run reads the resolved folder: a link swapped after the check does not move it elsewhere.
      const inputDir = await checkInputFolder(args.inputDir, context.inputs)
      return handlers['pipeline.run']({ ...args, inputDir })
    },
    'sources.preview': async (args) => {
      if (args.inputDir === undefined) return handlers['sources.preview'](args)
      const inputDir = await checkInputFolder(args.inputDir, context.inputs)
      return handlers['sources.preview']({ ...args, inputDir })
    },
    // A schedule runs later in the owning process: a folder it reads is checked now, as a run's is.
    'schedules.add': async (args) => {
      if (args.input.kind !== 'folder') return handlers['schedules.add'](args)
      const dir = await checkInputFolder(args.input.dir, context.inputs)
      return handlers['schedules.add']({ ...args, input: { kind: 'folder', dir } })
    },
    'watches.add': async (args) => {
      const dir = await checkInputFolder(args.dir, context.inputs)
      return handlers['watches.add']({ ...args, dir })
    },
    'settings.set': async (change) => {
      for (const [key, why] of Object.entries(WINDOW_ONLY_SETTINGS)) {
        if (change[key as keyof typeof WINDOW_ONLY_SETTINGS] !== undefined)
          throw new MedallionError('window_only', `settings.set: ${why}, never over HTTP`)
      }
      return handlers['settings.set'](change)
    },
  }
}
