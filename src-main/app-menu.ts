/**
 * The application menu: File (import, the data folder, diagnostics), Edit, View (reload and developer
 * tools only in development), Window on macOS, Help (the documentation, About).
 */
import { Menu, type MenuItemConstructorOptions, shell } from 'electron'

export interface MenuActions {
  importFiles(): void
  openDataFolder(): void
  exportDiagnostics(): void
  about(): void
}

export interface MenuOptions {
  development: boolean
  /** The project's online documentation; the entry is left out when the build does not know it. */
  docsUrl?: string
}

export function installAppMenu(actions: MenuActions, options: MenuOptions): void {
  const mac = process.platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: 'About Medallion', click: actions.about }
  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [
          {
            label: 'Medallion',
            submenu: [
              about,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: actions.importFiles },
        { label: 'Open Data Folder', click: actions.openDataFolder },
        { type: 'separator' },
        { label: 'Export Diagnostics…', click: actions.exportDiagnostics },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.development
          ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    {
      role: 'help',
      submenu: [
        ...(options.docsUrl
          ? [{ label: 'Documentation', click: () => void shell.openExternal(options.docsUrl as string) }]
          : []),
        ...(mac ? [] : [about]),
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
