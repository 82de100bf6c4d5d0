/**
 * The window opens where it was last closed: its size, its position and whether it was maximised, kept in
 * the app's configuration folder. A position on a display that is no longer attached is not restored
 * (the window would open out of sight); a missing or damaged file gives the default size, centred.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type BrowserWindow, type Rectangle, screen } from 'electron'

interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

const FILE = 'window-state.json'
const DEFAULT_SIZE = { width: 1280, height: 840 }
/** How much of the window must lie on a display for its saved place to be used. */
const MIN_VISIBLE = 120

function visible(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: area }) => {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)
    const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y)
    return width >= MIN_VISIBLE && height >= MIN_VISIBLE
  })
}

function isRectangle(value: unknown): value is Rectangle {
  const r = value as Partial<Rectangle> | null
  return [r?.x, r?.y, r?.width, r?.height].every((n) => typeof n === 'number' && Number.isFinite(n))
}

/** The bounds to open with (size only when the saved place is off-screen) and whether to maximise. */
export function savedWindowState(configDir: string): { bounds: Partial<Rectangle>; maximized: boolean } {
  try {
    const state = JSON.parse(readFileSync(join(configDir, FILE), 'utf8')) as Partial<WindowState>
    if (isRectangle(state.bounds)) {
      const { width, height } = state.bounds
      return {
        bounds: visible(state.bounds) ? state.bounds : { width, height },
        maximized: state.maximized === true,
      }
    }
  } catch {
    // First launch, or a damaged file: the default.
  }
  return { bounds: DEFAULT_SIZE, maximized: false }
}

/** Saves the window's place when it closes (its normal bounds, so un-maximising restores them). */
export function rememberWindowState(window: BrowserWindow, configDir: string): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    try {
      writeFileSync(join(configDir, FILE), `${JSON.stringify(state)}\n`)
    } catch (err) {
      console.warn(`medallion: the window's place was not saved: ${(err as Error).message}`)
    }
  })
}
