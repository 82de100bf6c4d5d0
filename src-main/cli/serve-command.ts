/**
 * `medallion serve`: the read API and, with the UI built, web mode, until Ctrl+C; and the data folder's
 * schedules, while no other process runs them (automation/automation-owner.ts). Prints the URL to open,
 * carrying this launch's token (stdout; with --json, `{url, openUrl, store}`).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { httpHandlers, httpPolicyOf } from '../core/api/http-policy.ts'
import { isLoopbackHost } from '../core/api/request-guard.ts'
import { DEFAULT_API_PORT, startApi } from '../core/api/server.ts'
import type { Core } from '../core/app-core.ts'
import { startAutomation } from '../core/automation/automation-owner.ts'
import { uploadLimit } from '../core/import/upload-limit.ts'
import { uploadRoute } from '../core/import/upload-route.ts'
import type { Handlers } from '../core/rpc.ts'
import { configuredApiPort } from '../core/settings/settings-env.ts'
import { type CommandIo, UsageError } from './command-io.ts'
import type { Values } from './options.ts'
import { allowedHostsOption, tlsOption, webTokenOption } from './serve-options.ts'

/** --port, else MEDALLION_API_PORT, else the port saved in settings, else 5000. */
function portOption(values: Values, env: NodeJS.ProcessEnv, dataDir: string): number {
  const raw = values.port ?? env.MEDALLION_API_PORT?.trim()
  if (raw === undefined || raw === '') return configuredApiPort(dataDir, env, DEFAULT_API_PORT)
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) {
    throw new UsageError(`--port / MEDALLION_API_PORT expects a port from 0 to 65535, got "${raw}"`)
  }
  return Number(raw)
}

/** The data browser's owner routes (GET /lake/…, GET /export/….csv), over the handlers HTTP may call. */
async function browseWebRoutes(core: Core, handlers: Handlers) {
  const [{ browseRoutes }, { BrowseService }] = await Promise.all([
    import('../core/api/browse-routes.ts'),
    import('../core/browse/browse-service.ts'),
  ])
  return browseRoutes(handlers, new BrowseService(core, core.options.dataDir))
}

export async function serveCommand(core: Core, values: Values, io: CommandIo): Promise<number> {
  const built = core.options.paths.webRoot
  const webRoot = values['web-root'] ?? (existsSync(join(built, 'index.html')) ? built : undefined)
  const { token, source } = webTokenOption(values, process.env)
  const tls = tlsOption(values)
  const handlers = httpHandlers(
    core.handlers,
    httpPolicyOf(core.options.dataDir, core.options.env ?? process.env),
  )
  const api = await startApi({
    handlers,
    store: () => core.serving.store,
    events: core.events,
    host: values.host,
    port: portOption(values, process.env, core.options.dataDir),
    webRoot,
    token,
    allowedHosts: allowedHostsOption(values),
    tls,
    webRoutes: [
      uploadRoute({ dataDir: core.options.dataDir, limit: uploadLimit(process.env) }),
      ...(await browseWebRoutes(core, handlers)),
    ],
  })
  core.servedApi.port = api.port
  const health = await core.serving.status()
  // Listening for Ctrl+C before the URL is printed: whoever reads the URL may stop the server at once.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  io.stdout.write(
    values.json
      ? `${JSON.stringify({ url: api.url, openUrl: api.openUrl, store: health })}\n`
      : `${api.openUrl}\n`,
  )
  io.stderr.write(
    `medallion: serving ${health.store} gold (${health.detail}) on ${api.url}` +
      `${webRoot ? `, the UI at the URL above` : ' (read API only: no built UI, run npm run build)'}` +
      ` (token: ${source === 'generated' ? 'new for this launch' : `from ${source}`}). Ctrl+C stops.\n`,
  )
  if (!isLoopbackHost(api.host)) {
    io.stderr.write(
      `medallion: listening beyond loopback (${api.host}): every route wants the token; Host must be one of ` +
        `${api.allowedHosts.join(', ')} (--allowed-hosts).\n`,
    )
    if (!tls) {
      io.stderr.write(
        'medallion: warning: without TLS the token and every answer cross the network in clear: ' +
          'serve HTTPS with --tls-cert FILE --tls-key FILE.\n',
      )
    }
  }
  // The data folder's schedules run while this server runs (when no other process runs them).
  const automation = startAutomation(core, {
    kind: 'serve',
    log: (line) => io.stderr.write(`medallion: ${line}\n`),
  })
  await stopped
  await automation.stop()
  await api.close()
  return 0
}
