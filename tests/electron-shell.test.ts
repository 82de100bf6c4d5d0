import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { loadConfigFromFile } from 'electron-vite'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appPageMatcher, CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from '../src-main/security.ts'
import type { RunRecord, TaskInfo } from '../src-preload/contract.ts'
import type { MedallionClient } from '../src-renderer/api/client.ts'
import { appendTaskLog, ClientContext, queryKeys, upsertTask } from '../src-renderer/api/hooks.ts'
import { restoreError } from '../src-renderer/api/ipc-client.ts'
import { PipelinePage } from '../src-renderer/pages/PipelinePage.tsx'
import { formatDuration, goldTables, rejectsCount } from '../src-renderer/pages/run-summary.ts'
import { buildApp } from './helpers/build-app.ts'

const repo = resolve(import.meta.dirname, '..')
const read = (path: string) => readFileSync(path, 'utf8')

/** Directives of a CSP string, e.g. { 'script-src': ["'self'"] }. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), values)
  }
  return directives
}

/** Every source file under the given top-level folders (no node_modules, no build output). */
function sourceFiles(...folders: string[]): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(?:[cm]?[jt]s|tsx|jsx)$/.test(entry.name)) files.push(path)
    }
  }
  for (const folder of folders) if (existsSync(join(repo, folder))) walk(join(repo, folder))
  return files
}

const ELECTRON_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]electron(?:\/[^'"]*)?['"]/m

describe('built output', () => {
  let outDir = ''
  const out = (...parts: string[]) => join(outDir, ...parts)

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'medallion-shell-build-'))
    await buildApp(outDir)
  }, 180_000)

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })

  it('emits main as ESM, its chunks beside it, with the preload it points to', () => {
    const files = readdirSync(out('main')).filter((f) => f.endsWith('.js'))
    // Chunks sit beside index.js, so their paths to ../preload are index.js's.
    expect(readdirSync(out('main')).filter((f) => !f.endsWith('.js'))).toEqual([])
    const main = files.map((f) => read(out('main', f))).join('\n')
    expect(read(out('main/index.js'))).toMatch(/^import .* from "electron";$/m)
    expect(main).not.toMatch(/\brequire\(\s*["']electron["']\s*\)/)
    // Every `join(import.meta.dirname, "<file>")` in main must name a file the build emitted.
    const referenced = [...main.matchAll(/join(?:\$\d+)?\(import\.meta\.dirname, "([^"]+)"\)/g)].map(
      (m) => m[1],
    )
    expect(referenced).toEqual(['../preload/index.cjs'])
    for (const file of referenced) {
      expect(existsSync(resolve(out('main'), file as string)), `${file} is referenced by main`).toBe(true)
    }
    // The page comes from the app's scheme, never from a file: URL.
    expect(main).toMatch(
      /"app:\/\/medallion\/index\.html"|`\$\{APP_SCHEME\}:\/\/\$\{APP_HOST\}\/index\.html`/,
    )
    expect(main).not.toMatch(/loadFile\(/)
  })

  it('keeps dependencies external in main (they load from node_modules)', () => {
    const pkg = JSON.parse(read(join(repo, 'package.json'))) as { dependencies: Record<string, string> }
    const files = readdirSync(out('main')).filter((f) => f.endsWith('.js'))
    const code = files.map((f) => read(out('main', f))).join('\n')
    const imported = new Set([...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)";$/gm)].map((m) => m[1] ?? ''))
    const bare = [...imported].filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    for (const spec of bare) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec)
      const known = name === 'electron' || name in pkg.dependencies || builtinModules.includes(name)
      expect(known, `main imports ${spec}`).toBe(true)
    }
    // zod is bundled into the preload but must stay an import in main, like polars, dockerode and mongodb.
    expect(imported.has('zod')).toBe(true)
    expect(code).not.toMatch(/\bclass (?:ZodError|MongoClient)\b|function Docker\(/)
  })

  it('emits the preload as one CommonJS file that requires nothing but electron', () => {
    const files = readdirSync(out('preload'))
    expect(files).toEqual(['index.cjs'])
    const code = read(out('preload/index.cjs'))
    expect(code).not.toMatch(/^\s*(?:import|export)\s/m)
    expect(code).not.toMatch(/import\.meta|\bimport\s*\(/)
    const required = [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((m) => (m[1] ?? '').trim())
    expect(required.length).toBeGreaterThan(0)
    expect(new Set(required)).toEqual(new Set(['"electron"']))
    // It compiles as the body of a CommonJS function, which ESM syntax would not.
    expect(() => new vm.Script(`(function (exports, require, module) {${code}\n})`)).not.toThrow()
  })

  it('uses ipcRenderer only to invoke, listen and unlisten, never as a value', () => {
    const code = read(out('preload/index.cjs'))
    const uses = [...code.matchAll(/\bipcRenderer\b(?!\.(?:invoke|on|removeListener)\()/g)]
    expect(uses.map((m) => code.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + 40))).toEqual([])
    expect(code).toMatch(/ipcRenderer\.invoke\(/)
  })

  describe('the built preload, run as a sandboxed renderer runs it', () => {
    type Api = {
      invoke: (n: unknown, i?: unknown) => Promise<unknown>
      subscribe: (e: unknown, l: unknown) => () => void
    }
    const exposed = new Map<string, unknown>()
    const invoked: unknown[][] = []
    const listeners: Array<{ channel: string; fn: (...a: unknown[]) => void }> = []
    let reply: (args: unknown[]) => unknown = () => ({ result: null })
    let api: Api

    beforeAll(() => {
      const electron = {
        contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
        // A dropped File's path, as Electron's webUtils gives it to the preload.
        webUtils: { getPathForFile: (file: { path: string }) => file.path },
        ipcRenderer: {
          invoke: async (...args: unknown[]) => {
            invoked.push(args)
            return reply(args)
          },
          on: (channel: string, fn: (...a: unknown[]) => void) => listeners.push({ channel, fn }),
          removeListener: (channel: string, fn: (...a: unknown[]) => void) => {
            const at = listeners.findIndex((l) => l.channel === channel && l.fn === fn)
            if (at !== -1) listeners.splice(at, 1)
          },
        },
      }
      const sandboxRequire = (id: string) => {
        if (id === 'electron') return electron
        throw new Error(`a sandboxed preload cannot require ${id}`)
      }
      const code = read(out('preload/index.cjs'))
      const context = vm.createContext({ console })
      const wrapper = vm.runInContext(`(function (exports, require, module) {${code}\n})`, context)
      const module = { exports: {} }
      wrapper(module.exports, sandboxRequire, module)
      api = exposed.get('medallion') as Api
    })

    const emit = (name: unknown, payload: unknown) => {
      for (const l of [...listeners])
        if (l.channel === 'medallion:event') l.fn({ sender: 'event' }, name, payload)
    }

    it('exposes window.medallion with invoke and subscribe only, and window.medallionFiles with pathsOf only', () => {
      expect([...exposed.keys()]).toEqual(['medallion', 'medallionFiles'])
      expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe'])
      expect(typeof api.invoke).toBe('function')
      expect(typeof api.subscribe).toBe('function')
      const files = exposed.get('medallionFiles') as { pathsOf: (files: unknown[]) => string[] }
      expect(Object.keys(files)).toEqual(['pathsOf'])
      // Paths only: main checks them (src-main/import-choice.ts) before anything reads them.
      expect(files.pathsOf([{ path: '/a/clients.csv' }, { path: '/b/achats.csv' }])).toEqual([
        '/a/clients.csv',
        '/b/achats.csv',
      ])
    })

    it('refuses names outside the contract without reaching main', async () => {
      invoked.length = 0
      await expect(api.invoke('shell.exec', { cmd: 'rm -rf /' })).rejects.toThrow(/^\[unknown_call\]/)
      await expect(api.invoke('__proto__')).rejects.toThrow(/^\[unknown_call\]/)
      expect(invoked).toEqual([])
    })

    it('sends contract calls over the one invoke channel and unwraps the result', async () => {
      invoked.length = 0
      reply = () => ({ result: [{ id: 't1' }] })
      await expect(api.invoke('tasks.list', {})).resolves.toEqual([{ id: 't1' }])
      expect(invoked).toEqual([['medallion:invoke', 'tasks.list', {}]])
    })

    it('rebuilds an Error with the code from an error envelope', async () => {
      reply = () => ({ error: { code: 'invalid_input', message: 'pipeline.run: from: Invalid option' } })
      const err = (await api
        .invoke('pipeline.run', { from: 'platinum' })
        .catch((e: unknown) => e)) as Error & {
        code?: string
      }
      expect(err.code).toBe('invalid_input')
      expect(err.message).toBe('[invalid_input] pipeline.run: from: Invalid option')
      // contextBridge keeps only the message; the renderer's client gets the code back from it.
      const crossed = restoreError(new Error(err.message))
      expect(crossed.code).toBe('invalid_input')
      expect(crossed.message).toBe('pipeline.run: from: Invalid option')
    })

    it('delivers only subscribed contract events, and unsubscribes', () => {
      const seen: unknown[] = []
      expect(() => api.subscribe('ipc.raw', () => {})).toThrow(/unknown_event/)
      expect(listeners).toHaveLength(0)
      const off = api.subscribe('task.changed', (p: unknown) => seen.push(p))
      expect(listeners.map((l) => l.channel)).toEqual(['medallion:event'])
      emit('task.changed', { id: 'a' })
      emit('task.log', { id: 'a', line: 'x' })
      emit('not.an.event', { id: 'b' })
      expect(seen).toEqual([{ id: 'a' }])
      off()
      emit('task.changed', { id: 'c' })
      expect(seen).toEqual([{ id: 'a' }])
      expect(listeners).toHaveLength(0)
    })
  })

  it('emits a renderer page with a strict CSP meta and no inline script', () => {
    const html = read(out('renderer/index.html'))
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
    expect(meta, 'CSP meta tag').not.toBeNull()
    const csp = parseCsp(meta?.[1] ?? '')
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(meta?.[1]).not.toMatch(/unsafe-eval/)
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc="\.\//)
    // The header main sends is at least as strict as the meta, directive by directive.
    const header = parseCsp(CONTENT_SECURITY_POLICY)
    for (const [name, values] of csp) expect(header.get(name), name).toEqual(values)
    expect(header.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('keeps zod, Node and Electron out of the renderer bundle', () => {
    const assets = readdirSync(out('renderer/assets')).filter((f) => f.endsWith('.js'))
    expect(assets.length).toBeGreaterThan(0)
    const code = assets.map((f) => read(out('renderer/assets', f))).join('\n')
    expect(code).not.toMatch(/\bZodError\b|\$ZodType/)
    expect(code).not.toMatch(/\brequire\(\s*["'](?:electron|node:[^"']+|fs|path|child_process)["']\s*\)/)
    expect(code).not.toMatch(/from\s*["'](?:electron|node:[^"']+)["']/)
  })
})

describe('renderer dev server (electron-vite dev serves the page this way)', () => {
  it('serves the page with the CSP and no inline script, React Refresh starting from a module', async () => {
    const { config } = await loadConfigFromFile({ command: 'serve', mode: 'development' }, undefined, repo)
    const cacheDir = mkdtempSync(join(tmpdir(), 'medallion-vite-cache-'))
    const server = await createServer({
      ...config.renderer,
      configFile: false,
      cacheDir,
      // No dependency pre-bundling: nothing here runs the modules, and an optimizer run can hold up close().
      optimizeDeps: { noDiscovery: true, include: [] },
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1', watch: null },
    })
    try {
      await server.listen()
      const base = server.resolvedUrls?.local[0] ?? ''
      const get = async (path: string) => (await fetch(new URL(path, base))).text()
      const html = await get('/')
      expect(html).toMatch(/http-equiv="Content-Security-Policy"[^>]*script-src 'self';/)
      const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const script of scripts) expect(script).toMatch(/^<script type="module" src="[^"]+"><\/script>$/)
      // The entry imports the preamble module before any component module that checks for it.
      const main = await get('/main.tsx')
      const preambleAt = main.indexOf('@vitejs/plugin-react/preamble')
      expect(preambleAt).toBeGreaterThan(-1)
      expect(preambleAt).toBeLessThan(main.indexOf('App.tsx'))
    } finally {
      await server.close()
      rmSync(cacheDir, { recursive: true, force: true })
    }
  })
})

describe('sources', () => {
  const mainSource = read(join(repo, 'src-main/desktop-app.ts'))

  it('locks the window down: contextIsolation and sandbox on, node integration off', () => {
    const prefs = /webPreferences:\s*\{([^}]*)\}/.exec(mainSource)?.[1]
    expect(prefs, 'webPreferences block').toBeDefined()
    expect(prefs).toMatch(/\bcontextIsolation:\s*true\b/)
    expect(prefs).toMatch(/\bsandbox:\s*true\b/)
    expect(prefs).toMatch(/\bnodeIntegration:\s*false\b/)
    expect(prefs).not.toMatch(/\bwebSecurity\b/)
    expect(prefs).not.toMatch(
      /\b(?:webviewTag|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true\b/,
    )
    expect(mainSource).not.toMatch(
      /\b(?:sandbox|contextIsolation)\s*:\s*false\b|nodeIntegration\w*\s*:\s*true\b/,
    )
    expect(mainSource).toMatch(/setWindowOpenHandler\(/)
    expect(mainSource).not.toMatch(/action:\s*'allow'/)
    expect(mainSource).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)/)
    expect(mainSource).toMatch(/requestSingleInstanceLock\(\)/)
  })

  it('never hands ipcRenderer (or the IPC event) to the page', () => {
    const preload = read(join(repo, 'src-preload/index.ts'))
    const call = /exposeInMainWorld\(\s*'medallion',\s*(\w+)\s*\)/.exec(preload)
    expect(call, 'one exposeInMainWorld call').not.toBeNull()
    // The bridge, and the paths of dropped files (webUtils.getPathForFile, nothing else).
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(2)
    const exposedBody = new RegExp(`const ${call?.[1]}[^=]*=\\s*\\{([^]*?)\\n\\}`).exec(preload)?.[1] ?? ''
    expect(exposedBody).toMatch(/invoke:/)
    expect(exposedBody).not.toMatch(/ipcRenderer|_event|electron/)
    const files = /exposeInMainWorld\(\s*'medallionFiles',\s*(\w+)\s*\)/.exec(preload)
    const filesBody = new RegExp(`const ${files?.[1]}[^=]*=\\s*(\\{[^\\n]*\\})`).exec(preload)?.[1] ?? ''
    expect(filesBody).toMatch(/webUtils\.getPathForFile/)
    expect(filesBody).not.toMatch(/ipcRenderer|_event/)
  })

  it('imports electron only in the shell (src-main/*.ts, not the core or the CLI) and src-preload/', () => {
    const importers = sourceFiles('src-main', 'src-preload', 'src-renderer', 'pipelines', 'scripts', 'bin')
      .filter((file) => ELECTRON_IMPORT.test(read(file)))
      .map((file) => relative(repo, file).split(sep).join('/'))
    // The shell is the files right under src-main/ (window, IPC, save dialog); core/ and the CLI never.
    const allowed = (file: string) =>
      /^src-main\/[\w-]+\.ts$/.test(file) && file !== 'src-main/cli.ts'
        ? true
        : file.startsWith('src-preload/')
    expect(importers.filter((file) => !allowed(file))).toEqual([])
    // The scan does see the two that should import it.
    expect(importers).toEqual(
      expect.arrayContaining(['src-main/index.ts', 'src-main/ipc.ts', 'src-preload/index.ts']),
    )
    // What main, the core and the CLI import from src-preload must stay free of electron.
    expect(importers.filter((f) => f.startsWith('src-preload/') && f !== 'src-preload/index.ts')).toEqual([])
  })

  it('lets the renderer import only types from the contract (values only from its zod-free modules), and nothing from zod, Node or Electron', () => {
    const offending: string[] = []
    for (const file of sourceFiles('src-renderer')) {
      const code = read(file)
      for (const m of code.matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s*['"]([^'"]+)['"]/gm)) {
        const [statement, typeOnly, spec = ''] = m
        const name = relative(repo, file)
        // Values only from the zod-free modules (values.ts, names*.ts); the contract's schemas stay in main.
        const plainValues = /src-preload\/(?:values|names[\w-]*)\.ts$/.test(spec)
        if (spec.includes('src-preload') && !typeOnly && !plainValues)
          offending.push(`${name}: ${statement.trim()}`)
        if (/^(?:zod|electron|node:|fs$|path$|child_process$)/.test(spec)) offending.push(`${name}: ${spec}`)
      }
    }
    expect(offending).toEqual([])
  })
})

describe('security policy (src-main/security.ts)', () => {
  it('opens only the local service consoles externally', () => {
    for (const url of [
      'http://localhost:3000/',
      'http://127.0.0.1:5001/#/experiments/1',
      'http://localhost:9001/browser',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true)
    }
    for (const url of [
      'https://localhost:3000/',
      'http://localhost:5000/',
      'http://example.com:3000/',
      'http://localhost.evil.com:3000/',
      'http://user:pw@localhost:3000/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false)
    }
  })

  it("recognises the app's scheme by host, and nothing else as its page", () => {
    const isAppPage = appPageMatcher('app://medallion/index.html')
    expect(isAppPage('app://medallion/index.html#/pipeline')).toBe(true)
    expect(isAppPage('app://medallion/assets/index.js')).toBe(true)
    expect(isAppPage('app://other/index.html')).toBe(false)
    expect(isAppPage('app://user:pw@medallion/index.html')).toBe(false)
    expect(isAppPage('file:///etc/passwd')).toBe(false)
    expect(isAppPage('http://medallion/index.html')).toBe(false)
  })

  it('recognises the built page by file, and the dev server by origin', () => {
    const page = join(repo, 'out/renderer/index.html')
    const isBuiltPage = appPageMatcher(pathToFileURL(page).href)
    expect(isBuiltPage(`${pathToFileURL(page).href}#/runs`)).toBe(true)
    expect(isBuiltPage(pathToFileURL(join(dirname(page), 'other.html')).href)).toBe(false)
    expect(isBuiltPage('file:///etc/passwd')).toBe(false)
    expect(isBuiltPage('http://localhost:5173/')).toBe(false)
    const isDevPage = appPageMatcher('http://localhost:5173/')
    expect(isDevPage('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(isDevPage('http://localhost:5174/')).toBe(false)
    expect(isDevPage('https://localhost:5173/')).toBe(false)
    expect(() => appPageMatcher('data:text/html,hi')).toThrow()
  })
})

describe('renderer helpers', () => {
  const task = (id: string, patch: Partial<TaskInfo> = {}): TaskInfo => ({
    id,
    kind: 'pipeline',
    title: id,
    state: 'running',
    progress: 0,
    step: '',
    startedAt: '2026-01-01T00:00:00.000Z',
    logs: [],
    ...patch,
  })

  it('updates the cached task list from events', () => {
    const list = upsertTask(undefined, task('a'))
    const two = upsertTask(list, task('b'))
    expect(two.map((t) => t.id)).toEqual(['b', 'a'])
    const updated = upsertTask(two, task('a', { progress: 0.5 }))
    expect(updated.map((t) => [t.id, t.progress])).toEqual([
      ['b', 0],
      ['a', 0.5],
    ])
    expect(appendTaskLog(updated, 'a', 'hello')?.[1]?.logs).toEqual(['hello'])
    expect(appendTaskLog(updated, 'zzz', 'x')).toBe(updated)
  })

  it('summarises a run record', () => {
    const run = {
      tables: { 'silver/clients': 10, 'gold/kpis': 3, 'gold/monthly': 24 },
      quality: { clients: { initial_rows: 12, dropped_missing: 1, dropped_duplicates: 1, final_rows: 10 } },
    }
    expect(goldTables(run)).toEqual([
      { table: 'kpis', rows: 3 },
      { table: 'monthly', rows: 24 },
    ])
    expect(rejectsCount(run)).toBe(2)
    expect(formatDuration(1500)).toBe('1.5 s')
    expect(formatDuration(125_000)).toBe('2 min 05 s')
    expect(formatDuration(null)).toBe('—')
  })

  it('gets the error code back whether or not it survived the bridge', () => {
    const direct = Object.assign(new Error('[forbidden] nope'), { code: 'forbidden' })
    expect(restoreError(direct)).toMatchObject({ code: 'forbidden', message: 'nope' })
    expect(restoreError(new Error('plain failure'))).toMatchObject({
      code: 'internal',
      message: 'plain failure',
    })
  })

  it('renders the pipeline page from cached tasks and runs', () => {
    const queryClient = new QueryClient()
    queryClient.setQueryData(queryKeys.tasks, [
      task('t-run', { title: 'Pipeline from bronze', progress: 0.42, step: 'silver: cleaning achats' }),
      task('t-bad', { title: 'Old run', state: 'failed', error: 'clients.csv: missing column email' }),
    ])
    const run: RunRecord = {
      runId: 'run-2026-01-01-abcdef',
      status: 'succeeded',
      trigger: 'manual',
      startedAt: '2026-01-01T10:00:00.000Z',
      finishedAt: '2026-01-01T10:00:02.500Z',
      from: 'bronze',
      layers: {},
      tables: { 'gold/kpis': 1, 'gold/monthly': 1234 },
      steps: [],
      quality: { achats: { dropped_bad_amount: 3, final_rows: 10 } },
      bytes: 0,
    }
    queryClient.setQueryData(queryKeys.runsLimited(50), [run])
    const client: MedallionClient = { invoke: () => new Promise(() => {}), subscribe: () => () => {} }
    const html = renderToStaticMarkup(
      createElement(
        ClientContext.Provider,
        { value: client },
        createElement(QueryClientProvider, { client: queryClient }, createElement(PipelinePage)),
      ),
    )
    expect(html).toContain('Run pipeline')
    expect(html).toMatch(/<option value="silver">silver<\/option>/)
    expect(html).toContain('silver: cleaning achats')
    expect(html).toContain('aria-valuenow="42"')
    expect(html.match(/>Cancel</g)).toHaveLength(1)
    expect(html).toContain('clients.csv: missing column email')
    expect(html).toContain('run-2026-01')
    expect(html).toContain('2.5 s')
    // The whole run id (never cut), who started it, and a link to its detail.
    expect(html).toContain('href="#/pipeline/runs/run-2026-01-01-abcdef"')
    expect(html).toContain('<td>manual</td>')
    expect(html).toMatch(/<td class="num">3<\/td>/)
  })
})
