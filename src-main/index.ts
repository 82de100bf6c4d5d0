/**
 * The Electron main process: a thin shell around the core. It holds the single-instance lock, opens one
 * locked-down window, guards every web contents (navigation, new windows, permissions, CSP), starts the
 * core on the data folder, binds it to IPC and closes it on quit. Everything else lives in `core/`.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  type Session,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron'
import mlWorkerPath from '../pipelines/ml/worker.ts?modulePath'
import workerPath from '../pipelines/worker.ts?modulePath'
import { type RunningApi, startApi } from './core/api/server.ts'
import { type Core, createCore, DEFAULT_COMPOSE_FILE } from './core/app-core.ts'
import { resolveBackends } from './core/backends.ts'
import benchChildPath from './core/bench/pipeline-child.ts?modulePath'
import { resolveDataDir } from './core/config.ts'
import { errorMessage } from './core/errors.ts'
import { configuredApiPort } from './core/settings/settings-env.ts'
import { withSaveDialog } from './files-save-dialog.ts'
import { bindIpc } from './ipc.ts'
import { appPageMatcher, CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from './security.ts'
import { safeStorageSecretBox } from './settings-safe-storage.ts'

const rendererFile = join(import.meta.dirname, '../renderer/index.html')
const preloadFile = join(import.meta.dirname, '../preload/index.cjs')
// The dev server URL comes from `electron-vite dev`; a packaged app never takes its page from the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const isAppPage = appPageMatcher(devServerUrl ?? pathToFileURL(rendererFile).href)

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let unbindIpc: (() => void) | null = null
let api: RunningApi | null = null

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

/** Session-wide rules: no permission is ever granted, and the app's pages carry the CSP as a header. */
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

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Medallion',
    backgroundColor: '#f5f6f8',
    autoHideMenuBar: true,
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
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  const loaded = devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(rendererFile)
  loaded.catch((err) => console.error('medallion: the window could not load its page', err))
  return win
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  guardSession(session.defaultSession)
  const dataDir = resolveDataDir(undefined, process.env, join(app.getPath('userData'), 'data'))
  // Secrets in settings.json are encrypted with the OS keychain (safeStorage works once the app is ready).
  const secretBox = safeStorageSecretBox(safeStorage)
  const backends = await resolveBackends(dataDir, process.env, secretBox)
  if (backends.warning) console.warn(`medallion: ${backends.warning}`)
  const current = createCore({
    dataDir,
    secretBox,
    workerEntry: workerPath,
    benchChildScript: benchChildPath,
    mlWorkerEntry: mlWorkerPath,
    mongo: backends.mongo,
    s3: backends.s3,
    // Packaged, the compose folder ships beside the app (electron-builder extraResources).
    composeFile: app.isPackaged
      ? join(process.resourcesPath, 'compose', 'docker-compose.yml')
      : DEFAULT_COMPOSE_FILE,
  })
  core = current
  void current.stack.watch()
  // The read API for dashboards and other tools; the window does not need it, so a taken port is reported, not fatal.
  const port = configuredApiPort(dataDir, process.env)
  startApi({ handlers: current.handlers, store: () => current.serving.store, events: current.events, port })
    .then((running) => {
      api = running
    })
    .catch((err) => console.error(`medallion: the read API is not served: ${errorMessage(err)}`))
  unbindIpc = bindIpc({
    // Only the window gets a save dialog: over HTTP `files.save` stays refused, so no page can write files.
    core: { events: current.events, handlers: withSaveDialog(current.handlers, () => mainWindow) },
    isAppPage,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  })
  mainWindow = createWindow()
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (!mainWindow) mainWindow = createWindow()
  })
}

/** Closes the core once (workers, clients, locks) before the process exits. */
function closeCoreOnQuit(): void {
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('will-quit', (event) => {
    if (state === 'closed' || !core) return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    unbindIpc?.()
    unbindIpc = null
    Promise.resolve(api?.close())
      .then(() => core?.close())
      .catch((err) => console.error('medallion: closing the core failed', err))
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}

if (!app.requestSingleInstanceLock()) {
  // Another Medallion is running: it gets focus (below, in that process) and this one leaves.
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => guardContents(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  closeCoreOnQuit()
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
      console.error('medallion: could not start', err)
      dialog.showErrorBox('Medallion could not start', message)
      app.exit(1)
    })
}
