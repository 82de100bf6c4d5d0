/**
 * What closing the last window does: the app quits (its schedules and saved watches stop with it) unless
 * the user chose "keep running in the background"; then a tray icon keeps the process, and the automation
 * it owns, alive, with "Open Medallion" and "Quit Medallion". Electron's app and Tray are injected: the
 * decision is tested without Electron's binary.
 */

/** The part of Electron's Tray used here. */
export interface TrayIcon {
  setToolTip(text: string): void
  setContextMenu(menu: unknown): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface MenuItem {
  label: string
  click: () => void
}

export interface WindowCloseParts {
  /** Electron's app.quit. */
  quit: () => void
  /** new Tray(icon). */
  createTray: () => TrayIcon
  /** Menu.buildFromTemplate. */
  buildMenu: (items: MenuItem[]) => unknown
  /** The user's "keep running in the background" choice (desktop-app.ts reads it once, at start). */
  keepRunning: () => boolean
  /** Opens (or shows) the window again. */
  openWindow: () => void
}

export const TRAY_TOOLTIP = 'Medallion: schedules and watched folders keep running'

export interface WindowClose {
  /** Electron's window-all-closed: quits, or stays in the tray; says which. */
  allWindowsClosed(): 'quit' | 'background'
  /** A window is open again: the tray icon goes. */
  windowOpened(): void
  readonly inBackground: boolean
}

export function windowClose(parts: WindowCloseParts): WindowClose {
  let tray: TrayIcon | undefined
  const leaveTray = () => {
    tray?.destroy()
    tray = undefined
  }
  return {
    allWindowsClosed() {
      if (!parts.keepRunning()) {
        parts.quit()
        return 'quit'
      }
      if (!tray) {
        tray = parts.createTray()
        tray.setToolTip(TRAY_TOOLTIP)
        tray.setContextMenu(
          parts.buildMenu([
            { label: 'Open Medallion', click: () => parts.openWindow() },
            {
              label: 'Quit Medallion',
              click: () => {
                leaveTray()
                parts.quit()
              },
            },
          ]),
        )
        tray.on('click', () => parts.openWindow())
      }
      return 'background'
    },
    windowOpened: leaveTray,
    get inBackground() {
      return tray !== undefined
    },
  }
}
