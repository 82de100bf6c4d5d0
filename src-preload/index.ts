/**
 * The preload: exposes `window.medallion` (invoke and subscribe, limited to the contract's names) and
 * nothing else. It is bundled into one CommonJS file so it runs with `sandbox: true`, where the only
 * module a preload can require is `electron`. ipcRenderer stays in here, wrapped; it is never exposed.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts'
import type { DroppedFiles, MedallionBridge } from './contract.ts'
import { createBridge } from './create-bridge.ts'

const bridge = createBridge({
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  listen: (listener) => {
    // The IPC event object (which carries the sender and ports) never leaves the preload.
    const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown) => listener(name, payload)
    ipcRenderer.on(EVENT_CHANNEL, onEvent)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent)
    }
  },
})

const exposed: MedallionBridge = {
  invoke: (name, input) => bridge.invoke(name, input),
  subscribe: (event, listener) => bridge.subscribe(event, listener),
}

contextBridge.exposeInMainWorld('medallion', exposed)

// Files dropped on the window: their paths, which only the preload can read (main checks them before use).
const droppedFiles: DroppedFiles = { pathsOf: (files) => files.map((file) => webUtils.getPathForFile(file)) }
contextBridge.exposeInMainWorld('medallionFiles', droppedFiles)
