/**
 * The desktop app: a thin shell around the core. It holds the single-instance lock, opens one locked-down
 * window on the app's own scheme, guards every web contents (navigation, new windows, permissions, CSP),
 * starts the core on the data folder, binds it to IPC, installs the menu, logs to a rotated file, and
 * closes the core (cancelling running tasks, after asking) on quit. Everything else lives in `core/`.
 */
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  Notification,
  nativeImage,
  type Session,
  safeStorage,
  session,
  shell,
  Tray,
  type WebContents,
} from 'electron'
import { installAppMenu } from './app-menu.ts'
import { APP_PAGE_URL, registerAppScheme, serveAppScheme } from './app-scheme.ts'
import { type RunningApi, startApi } from './core/api/server.ts'
import { type Core, createCore } from './core/app-core.ts'
import { appPaths } from './core/app-paths.ts'
import { type Automation, startAutomation } from './core/automation/automation-owner.ts'
import { resolveBackends } from './core/backends.ts'
import { chooseDataDir } from './core/config.ts'
import { appDataDir } from './core/data-location.ts'
import { errorMessage } from './core/errors.ts'
import { protectDataFolder } from './core/private-files.ts'
import type { Handlers } from './core/rpc.ts'
import { configuredApiPort } from './core/settings/settings-env.ts'
import { keepsRunningInBackground } from './core/settings/settings-file.ts'
import { desktopHandlers } from './desktop-handlers.ts'
import { exportDiagnostics } from './diagnostics-dialog.ts'
import { type FailureNotification, notifyFailures } from './failure-notifications.ts'
import { openImportPage } from './import-dialog.ts'
import { bindIpc } from './ipc.ts'
import { type MainLog, startMainLog } from './main-log.ts'
import { taskEndLine } from './main-log-lines.ts'
import { appPageMatcher, CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from './security.ts'
import { safeStorageSecretBox } from './settings-safe-storage.ts'
import { launchUtilityChild, utilityPlanProcess } from './utility-child.ts'
import { type WindowClose, windowClose } from './window-close.ts'
import { rememberWindowState, savedWindowState } from './window-state.ts'

/** Set at build time (electron.vite.config.ts) when the project's documentation has an address. */
declare const __MEDALLION_DOCS_URL__: string

const preloadFile = join(import.meta.dirname, '../preload/index.cjs')
// The dev server URL comes from `electron-vite dev`; a packaged app never takes its page from the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const pageUrl = devServerUrl ?? APP_PAGE_URL
const isAppPage = appPageMatcher(pageUrl)

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let unbindIpc: (() => void) | null = null
let api: RunningApi | null = null
/** The data folder's schedules, run by this app while it holds their lease (they stop when it quits). */
let automation: Automation | null = null
/** What closing the last window does: quit, or stay in the tray (the user's choice). */
let closing: WindowClose | null = null

/** Applied to every web contents the app ever creates (windows, devtools, anything a page tries to open). */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      shell.openExternal(url).catch((err) => console.error(`medallion: could not open ${url}`, err))
    }
    return { action: 'deny' }
  })
}

/** Session-wide rules: no permission is ever granted, and the dev server's pages carry the CSP as a header. */
function guardSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url)) {
      callback({})
      return
    }
    const responseHeaders = { ...details.responseHeaders }
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name]
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
    callback({ responseHeaders })
  })
}

function createWindow(configDir: string): BrowserWindow {
  const { bounds, maximized } = savedWindowState(configDir)
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Medallion',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  rememberWindowState(win, configDir)
  win.once('ready-to-show', () => {
    if (maximized) win.maximize()
    win.show()
  })
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  win.loadURL(pageUrl).catch((err) => console.error('medallion: the window could not load its page', err))
  return win
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function showAbout(handlers: Handlers): Promise<void> {
  const { versions } = await handlers['app.info']({})
  await dialog.showMessageBox({
    type: 'info',
    title: 'About Medallion',
    message: `Medallion ${versions.medallion}`,
    detail: [
      'A desktop control panel for a small medallion lakehouse.',
      '',
      `Electron ${versions.electron}`,
      `Chromium ${versions.chrome}`,
      `Node ${versions.node}`,
      `Polars ${versions.polars}`,
    ].join('\n'),
  })
}

async function start(log: MainLog): Promise<void> {
  const paths = appPaths(app.getAppPath(), app.isPackaged ? process.resourcesPath : undefined)
  guardSession(session.defaultSession)
  serveAppScheme(session.defaultSession, paths.webRoot)
  const configDir = app.getPath('userData')
  const data = chooseDataDir(undefined, process.env, appDataDir(configDir))
  log.info(`Medallion ${app.getVersion()} starting on ${data.dir} (${data.source})`)
  const exposed = protectDataFolder(data.dir)
  if (exposed) log.warn(`medallion: ${exposed}`)
  // Secrets in settings.json are encrypted with the OS keychain (safeStorage works once the app is ready).
  const secretBox = safeStorageSecretBox(safeStorage)
  const backends = await resolveBackends(data.dir, process.env, secretBox, configDir)
  if (backends.warning) log.warn(`medallion: ${backends.warning}`)
  const current = createCore({
    dataDir: data.dir,
    dataDirSource: data.source,
    version: app.getVersion(),
    paths,
    launchChild: launchUtilityChild,
    startPlanProcess: utilityPlanProcess,
    secretBox,
    configDir,
    mongo: backends.mongo,
    s3: backends.s3,
  })
  core = current
  // The settings' secrets, decrypted by the core, are masked in the log file too.
  log.learn(current.secrets.list())
  current.tasks.on('changed', (task) => {
    if (task.state !== 'running') log.info(taskEndLine(task))
  })
  void current.stack.watch()
  notifyFailures(current.events, showNotification, () => {
    mainWindow?.show()
    mainWindow?.focus()
  })
  // Read once: the lease records whether this process keeps running once its window closes (the Pipeline
  // page says which), so the close does what it says; a change of the setting applies at the next start.
  const keepRunning = keepsRunningInBackground(data.dir)
  automation = startAutomation(current, {
    kind: keepRunning ? 'background' : 'window',
    log: (line) => log.info(`medallion: ${line}`),
  })
  // The read API for dashboards and other tools; the window does not need it, so a taken port is reported, not fatal.
  const port = configuredApiPort(data.dir, process.env)
  startApi({ handlers: current.handlers, store: () => current.serving.store, events: current.events, port })
    .then((running) => {
      api = running
      current.servedApi.port = running.port
    })
    .catch((err) => log.warn(`medallion: the read API is not served: ${errorMessage(err)}`))
  const window = () => mainWindow
  const handlers = desktopHandlers(current, {
    window,
    dataDir: data.dir,
    dataDirSource: data.source,
    configDir,
    tasks: current.tasks,
    restart: () =>
      setTimeout(() => {
        app.relaunch()
        app.quit()
      }, 300),
  })
  unbindIpc = bindIpc({
    core: { events: current.events, handlers },
    isAppPage,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  })
  installAppMenu(
    {
      importFiles: () => void openImportPage(window()).catch((err) => reportError('Import', err)),
      openDataFolder: () => void shell.openPath(data.dir),
      exportDiagnostics: () => void exportDiagnostics(window(), current, log.files()),
      about: () => void showAbout(handlers),
    },
    { development: !app.isPackaged, docsUrl: __MEDALLION_DOCS_URL__ || undefined },
  )
  mainWindow = createWindow(configDir)
  closing = windowClose({
    quit: () => app.quit(),
    createTray: () => new Tray(nativeImage.createFromPath(join(app.getAppPath(), 'out/icons/png/32x32.png'))),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    keepRunning: () => keepRunning,
    openWindow: () => {
      if (!mainWindow) mainWindow = createWindow(configDir)
      focusMainWindow()
      closing?.windowOpened()
    },
  })
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (!mainWindow) mainWindow = createWindow(configDir)
  })
}

function reportError(what: string, err: unknown): void {
  dialog.showErrorBox(`${what} failed`, errorMessage(err))
}

/** Asks before quitting while tasks run; then closes the core once (cancelling them) before the process exits. */
function closeCoreOnQuit(log: MainLog): void {
  let confirmed = false
  app.on('before-quit', (event) => {
    const running = core?.tasks.list().filter((t) => t.state === 'running') ?? []
    if (confirmed || running.length === 0) return
    const answer = dialog.showMessageBoxSync({
      type: 'question',
      buttons: ['Quit and cancel', 'Keep running'],
      defaultId: 1,
      cancelId: 1,
      message: 'Quit Medallion?',
      detail: `${running.map((t) => t.title).join(', ')} will be cancelled: nothing half-done is kept, and the last good run stays current.`,
    })
    if (answer === 0) confirmed = true
    else event.preventDefault()
  })
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('will-quit', (event) => {
    if (state === 'closed' || !core) return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    unbindIpc?.()
    unbindIpc = null
    Promise.resolve(automation?.stop())
      .then(() => api?.close())
      .then(() => core?.close())
      .catch((err) => log.error('medallion: closing the core failed', err))
      .finally(() => {
        state = 'closed'
        log.info('Medallion closed')
        app.quit()
      })
  })
}

export function startDesktop(): void {
  registerAppScheme()
  if (!app.requestSingleInstanceLock()) {
    // Another Medallion is running: it gets focus (below, in that process) and this one leaves.
    app.quit()
    return
  }
  const log = startMainLog()
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => guardContents(contents))
  // Schedules and watches stop with the app unless the user chose to keep it running in the tray.
  app.on('window-all-closed', () => {
    if (closing) closing.allWindowsClosed()
    else app.quit()
  })
  closeCoreOnQuit(log)
  app
    .whenReady()
    .then(() => start(log))
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
      log.error('medallion: could not start', err)
      dialog.showErrorBox('Medallion could not start', message)
      app.exit(1)
    })
}

/** Shown notifications, held until closed: one collected before its click would lose the click. */
const shownNotifications = new Set<Notification>()

function showNotification({ title, body, onClick }: FailureNotification): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title, body })
  shownNotifications.add(notification)
  notification.on('click', onClick)
  notification.on('close', () => shownNotifications.delete(notification))
  notification.show()
}
