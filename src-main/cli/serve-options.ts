/**
 * `medallion serve`'s security flags, read and checked before anything listens: where the launch token
 * comes from (MEDALLION_TOKEN, --token-file, else a fresh one), the Host allow-list (--allowed-hosts) and
 * the HTTPS certificate (--tls-cert and --tls-key, both or neither). A token is never a flag's value:
 * other users of the machine see command lines in `ps`.
 */
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { checkWebToken, newWebToken } from '../core/api/web-token.ts'
import { MedallionError } from '../core/errors.ts'
import { readFailure } from '../core/system-error.ts'
import { UsageError } from './command-io.ts'

import { TOKEN_ENV, type Values } from './options.ts'

export interface WebToken {
  token: string
  /** Where it came from, for the startup line. */
  source: 'generated' | typeof TOKEN_ENV | 'token file'
}

function readFlagFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new MedallionError('bad_file', `${flag}: ${readFailure(err, file).message}`)
  }
}

/** --token-file, else MEDALLION_TOKEN, else 256 fresh random bits. */
export function webTokenOption(values: Values, env: NodeJS.ProcessEnv): WebToken {
  const file = values['token-file']
  if (file !== undefined) {
    if (file.trim() === '') throw new UsageError('--token-file expects a file name')
    return {
      token: checkWebToken(readFlagFile('--token-file', file).trim(), `--token-file ${file}`),
      source: 'token file',
    }
  }
  const fromEnv = env[TOKEN_ENV]
  if (fromEnv !== undefined) return { token: checkWebToken(fromEnv.trim(), TOKEN_ENV), source: TOKEN_ENV }
  return { token: newWebToken(), source: 'generated' }
}

/** --allowed-hosts a,b: host names or addresses without a port (IPv6 with or without brackets). */
export function allowedHostsOption(values: Values): string[] | undefined {
  const raw = values['allowed-hosts']
  if (raw === undefined) return undefined
  const hosts = raw
    .split(',')
    .map((h) =>
      h
        .trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase(),
    )
    .filter((h) => h !== '')
  if (hosts.length === 0)
    throw new UsageError('--allowed-hosts expects host names, e.g. --allowed-hosts box.lan,10.0.0.5')
  for (const host of hosts) {
    const name = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(host)
    if (!name && isIP(host) === 0) {
      throw new UsageError(
        `--allowed-hosts: "${host.slice(0, 100)}" is not a host name or an IP address (no port, no scheme)`,
      )
    }
  }
  return hosts
}

/** --tls-cert and --tls-key, read; both or neither. */
export function tlsOption(values: Values): { cert: Buffer; key: Buffer } | undefined {
  const certFile = values['tls-cert']
  const keyFile = values['tls-key']
  if (certFile === undefined && keyFile === undefined) return undefined
  if (certFile === undefined || keyFile === undefined) {
    throw new UsageError(
      `--tls-cert and --tls-key go together: ${certFile === undefined ? '--tls-cert' : '--tls-key'} is missing`,
    )
  }
  const cert = Buffer.from(readFlagFile('--tls-cert', certFile))
  const key = Buffer.from(readFlagFile('--tls-key', keyFile))
  if (!cert.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    throw new MedallionError(
      'bad_tls',
      `--tls-cert ${certFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    )
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('latin1'))) {
    throw new MedallionError(
      'bad_tls',
      `--tls-key ${keyFile} holds no PEM private key (-----BEGIN … PRIVATE KEY-----)`,
    )
  }
  return { cert, key }
}
