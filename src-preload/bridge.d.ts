/**
 * `window.medallion` as the preload exposes it (src-preload/index.ts). Absent outside Electron
 * (web mode), which is how the renderer's `pickClient()` chooses its client.
 */
import type { MedallionBridge } from './contract.ts'

declare global {
  interface Window {
    readonly medallion?: MedallionBridge
  }
}
