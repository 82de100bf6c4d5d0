/**
 * Binds the contract to ipcMain: one invoke channel for every call (checked against the app's own page,
 * then handed to the shared dispatcher, which validates the input with the contract's schema), and one
 * event channel that forwards the core's events to the app's windows.
 */
import { ipcMain, type WebContents } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../src-preload/channels.ts'
import {
  EVENT_NAMES,
  type EventName,
  type EventPayloads,
  type ResultEnvelope,
} from '../src-preload/contract.ts'
import type { Core } from './core/app-core.ts'
import { dispatch } from './core/rpc.ts'

export interface IpcBindingOptions {
  core: Pick<Core, 'handlers' | 'events'>
  /** True when a URL is one of the app's own pages (see `appPageMatcher` in security.ts). */
  isAppPage(url: string): boolean
  /** The web contents that receive events: the app's windows. */
  targets(): Iterable<WebContents>
}

const FORBIDDEN: ResultEnvelope<never> = {
  error: { code: 'forbidden', message: 'calls are accepted only from the Medallion page itself' },
}

/** Registers the handler and the event forwarding; the returned function undoes both. */
export function bindIpc({ core, isAppPage, targets }: IpcBindingOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown) => {
    // Only the top frame of the app's own page may call: not a subframe, not a page navigated elsewhere.
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isAppPage(frame.url)) return FORBIDDEN
    return dispatch(core.handlers, name, input)
  })

  const send = <E extends EventName>(name: E, payload: EventPayloads[E]): void => {
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppPage(contents.getURL())) continue
      contents.send(EVENT_CHANNEL, name, payload)
    }
  }
  const unsubscribe = EVENT_NAMES.map((name) => core.events.on(name, (payload) => send(name, payload)))

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    for (const stop of unsubscribe) stop()
  }
}
