/**
 * The window-close decision (issue 17) with its Electron parts injected: Electron's binary cannot run on
 * this machine, so the tray is a recording stand-in and the decision module is the real one.
 */
import { describe, expect, it } from 'vitest'
import { type MenuItem, TRAY_TOOLTIP, type TrayIcon, windowClose } from '../src-main/window-close.ts'

function parts(keepRunning: boolean) {
  const calls: string[] = []
  let menu: MenuItem[] = []
  let trayClick = () => {}
  const trays: string[][] = []
  const parts = {
    quit: () => calls.push('quit'),
    openWindow: () => calls.push('open'),
    keepRunning: () => keepRunning,
    buildMenu: (items: MenuItem[]) => {
      menu = items
      return items
    },
    createTray: (): TrayIcon => {
      const log: string[] = []
      trays.push(log)
      return {
        setToolTip: (text) => log.push(`tooltip ${text}`),
        setContextMenu: () => log.push('menu'),
        on: (_event, listener) => {
          trayClick = listener
        },
        destroy: () => log.push('destroyed'),
      }
    },
  }
  return { parts, calls, trays, menu: () => menu, clickTray: () => trayClick() }
}

describe('closing the last window', () => {
  it('quits (schedules and watches stop with the app) unless the user chose to keep running', () => {
    const { parts: p, calls, trays } = parts(false)
    const close = windowClose(p)
    expect(close.allWindowsClosed()).toBe('quit')
    expect(calls).toEqual(['quit'])
    expect(trays).toEqual([])
    expect(close.inBackground).toBe(false)
  })

  it('keeps running in the tray when chosen: one icon, Open and Quit, gone once a window opens', () => {
    const t = parts(true)
    const close = windowClose(t.parts)
    expect(close.allWindowsClosed()).toBe('background')
    expect(close.allWindowsClosed()).toBe('background')
    expect(t.trays).toEqual([[`tooltip ${TRAY_TOOLTIP}`, 'menu']])
    expect(t.calls).toEqual([])
    expect(close.inBackground).toBe(true)
    expect(t.menu().map((item) => item.label)).toEqual(['Open Medallion', 'Quit Medallion'])
    t.clickTray()
    t.menu()[0]?.click()
    expect(t.calls).toEqual(['open', 'open'])
    close.windowOpened()
    expect(t.trays[0]?.at(-1)).toBe('destroyed')
    expect(close.inBackground).toBe(false)
    // Closed again, then Quit from the tray: the icon goes and the app quits.
    close.allWindowsClosed()
    t.menu()[1]?.click()
    expect(t.trays[1]?.at(-1)).toBe('destroyed')
    expect(t.calls.at(-1)).toBe('quit')
  })
})
