/**
 * `medallion serve` as a user runs it: the URL it prints carries the launch token (new each launch, or
 * fixed by MEDALLION_TOKEN / --token-file for automation), a token on the command line is refused, a bad
 * token source or half a TLS pair stops it with a clear message, and binding beyond loopback warns that
 * without TLS the token crosses the network in clear.
 */
import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type CliResult, runCli, startCli } from './helpers/cli.ts'
import { postJson } from './helpers/http.ts'
import { tempDir } from './helpers/temp-data.ts'

const FIXED = 'k7Qm2xV9pL4sT8wZ1bN6cR3yH5jD0fG2aE7uI9oP4qS'

/** The first line `serve` prints on stdout, then Ctrl+C; its exit and output. */
async function firstLine(
  child: ChildProcess,
  result: Promise<CliResult>,
): Promise<{ line: string; end: CliResult }> {
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8')
      const nl = out.indexOf('\n')
      if (nl !== -1) resolve(out.slice(0, nl))
    })
    result.then((r) => reject(new Error(`serve exited ${r.code} before printing its URL: ${r.stderr}`)))
  })
  child.kill('SIGINT')
  return { line, end: await result }
}

describe('medallion serve: the launch token', () => {
  const dataDir = tempDir('medallion-serve-token-')
  const webRoot = tempDir('medallion-serve-webroot-')
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>stand-in</title>')
  const serve = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    startCli(['serve', '--port', '0', '--data-dir', dataDir, '--web-root', webRoot, ...args], env)

  it('prints the URL with a fresh 256-bit token; the token opens /rpc', async () => {
    const { child, result } = serve()
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout?.once('data', (d: Buffer) => resolve(new URL(d.toString('utf8').trim())))
      result.then((r) => reject(new Error(r.stderr)))
    })
    try {
      const token = url.searchParams.get('token') ?? ''
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(url.pathname).toBe('/')
      expect((await postJson(url.origin, '/rpc/tasks.list', {})).status).toBe(401)
      const ok = await postJson(url.origin, '/rpc/tasks.list', {}, { Authorization: `Bearer ${token}` })
      expect(ok.status).toBe(200)
    } finally {
      child.kill('SIGINT')
    }
    const end = await result
    expect(end.code).toBe(0)
    expect(end.stderr).toContain('new for this launch')
  }, 60_000)

  it('MEDALLION_TOKEN fixes the token (and --json prints the URL to open)', async () => {
    const { child, result } = serve(['--json'], { MEDALLION_TOKEN: `  ${FIXED}\n` })
    const { line, end } = await firstLine(child, result)
    const printed = JSON.parse(line) as { url: string; openUrl: string }
    expect(printed.openUrl).toBe(`${printed.url}/?token=${FIXED}`)
    expect(end.code).toBe(0)
    expect(end.stderr).toContain('token: from MEDALLION_TOKEN')
    expect(end.stderr).not.toContain(FIXED)
  }, 60_000)

  it('--token-file fixes it (read and trimmed), over MEDALLION_TOKEN', async () => {
    const file = join(dataDir, 'token.txt')
    writeFileSync(file, `${FIXED}\n`, { mode: 0o600 })
    const { child, result } = serve(['--token-file', file], { MEDALLION_TOKEN: `${FIXED}-other` })
    const { line, end } = await firstLine(child, result)
    expect(new URL(line).searchParams.get('token')).toBe(FIXED)
    expect(end.code).toBe(0)
  }, 60_000)

  it('refuses an empty or short token, a missing token file, and a token on the command line', async () => {
    const empty = join(dataDir, 'empty.txt')
    writeFileSync(empty, '\n')
    const cases: [string[], NodeJS.ProcessEnv, number, RegExp][] = [
      [['--token-file', empty], {}, 1, /--token-file .*empty\.txt is empty/],
      [
        ['--token-file', join(dataDir, 'missing.txt')],
        {},
        1,
        /--token-file: could not read .*missing\.txt.*does not exist/,
      ],
      [[], { MEDALLION_TOKEN: 'short' }, 1, /MEDALLION_TOKEN holds a token of 5 characters: it needs 32/],
      [[], { MEDALLION_TOKEN: `${FIXED} x` }, 1, /MEDALLION_TOKEN holds characters a token cannot carry/],
      [
        ['--token', FIXED],
        {},
        2,
        /Unknown option '--token'.*never given on the command line.*MEDALLION_TOKEN.*--token-file/,
      ],
      [[`--token=${FIXED}`], {}, 2, /never given on the command line/],
      [
        ['--tls-cert', join(dataDir, 'cert.pem')],
        {},
        2,
        /--tls-cert and --tls-key go together: --tls-key is missing/,
      ],
      [['--tls-cert', empty, '--tls-key', empty], {}, 1, /--tls-cert .*empty\.txt holds no PEM certificate/],
      [
        ['--allowed-hosts', 'http://box.lan/'],
        {},
        2,
        /--allowed-hosts: "http:\/\/box\.lan\/" is not a host name/,
      ],
    ]
    for (const [args, env, code, message] of cases) {
      const got = await runCli(['serve', '--port', '0', '--data-dir', dataDir, ...args], env)
      expect({ args, code: got.code }).toEqual({ args, code })
      expect(got.stderr, args.join(' ')).toMatch(message)
      expect(got.stdout, args.join(' ')).not.toContain('token=')
    }
  }, 120_000)

  it('bound to 0.0.0.0 without TLS: warns that the token crosses the network in clear', async () => {
    const { child, result } = serve(['--host', '0.0.0.0'], { MEDALLION_TOKEN: FIXED })
    const { line, end } = await firstLine(child, result)
    const url = new URL(line)
    expect(url.searchParams.get('token')).toBe(FIXED)
    expect(end.stderr).toMatch(/every route wants the token/)
    expect(end.stderr).toMatch(/warning: without TLS the token and every answer cross the network in clear/)
    expect(end.code).toBe(0)
  }, 60_000)
})
