/**
 * `window.medallion` as the preload exposes it (src-preload/index.ts). Absent outside Electron
 * (web mode), which is how the renderer's `pickClient()` chooses its client.
 */
import type { DroppedFiles, MedallionBridge } from './contract.ts'

declare global {
  interface Window {
    readonly medallion?: MedallionBridge
    /** The paths of files dropped on the window (the preload's `webUtils.getPathForFile`). */
    readonly medallionFiles?: DroppedFiles
  }
}
