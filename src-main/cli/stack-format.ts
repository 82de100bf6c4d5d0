/** Terminal renderings of the stack: status table, reset preview, Up's outcome. */
import type { ResetStep, StackEnvStatus, StackLinks, StackStatus } from '../../src-preload/contract.ts'

const LINK_NAMES: Record<keyof StackLinks, string> = {
  minioConsole: 'MinIO console',
  mlflow: 'MLflow',
  metabase: 'Metabase',
  sparkUi: 'Spark master UI',
}

export function linkLines(links: StackLinks): string[] {
  return Object.entries(links).map(
    ([key, url]) => `  ${LINK_NAMES[key as keyof StackLinks].padEnd(16)} ${url}`,
  )
}

function uptime(seconds: number | undefined): string {
  if (seconds === undefined) return '-'
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 3600)} h`
}

export function statusTable(status: StackStatus): string {
  const engine = status.engine
    ? `engine: ${status.engine.kind} ${status.engine.version} at ${status.engine.endpoint} (${status.engine.source})`
    : `engine: none — ${status.engineError ?? 'not found'}`
  const rows = status.services.map((s) => [
    s.service,
    s.state + (s.exitCode !== undefined ? ` (${s.exitCode})` : ''),
    s.health === 'none' ? '-' : s.health,
    s.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`).join(', ') || '-',
    uptime(s.uptimeSeconds),
    s.image + (s.upToDate || s.state === 'missing' ? '' : ' (changed: Up recreates it)'),
  ])
  const header = ['SERVICE', 'STATE', 'HEALTH', 'PORTS', 'UP', 'IMAGE']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()
  return [
    `project ${status.project} (${status.composeFile})`,
    engine,
    `lake and serving: ${status.active ? 'on the stack (MinIO, MongoDB)' : 'embedded (local lake, served from gold)'}`,
    '',
    line(header),
    ...rows.map(line),
    ...(Object.keys(status.links).length > 0 ? ['', ...linkLines(status.links)] : []),
    ...(status.stackEnv ? ['', ...credentialLines(status.stackEnv)] : []),
  ].join('\n')
}

const CREDENTIAL_STATES: Record<StackEnvStatus['state'], string> = {
  missing: 'not created yet: the first up generates them',
  clear: 'docker compose --env-file <this file> uses them',
  sealed: "sealed with the desktop app's keychain",
  unreadable: 'unreadable',
}

/** Where the credentials are (never their values), and which services run without them. */
function credentialLines(stackEnv: StackEnvStatus): string[] {
  return [
    `credentials file: ${stackEnv.file} (${stackEnv.problem ?? CREDENTIAL_STATES[stackEnv.state]})`,
    ...stackEnv.withoutAuth.map(
      (service) =>
        `warning: ${service} runs without authentication (its volume predates the credentials): reset --scope volumes turns it on`,
    ),
  ]
}

export function resetPreview(steps: ResetStep[]): string {
  const lines: string[] = []
  for (const step of steps) {
    lines.push(`${step.scope}:${step.items.length === 0 ? ' nothing to delete' : ''}`)
    for (const item of step.items) lines.push(`  ${item.kind.padEnd(9)} ${item.name}`)
  }
  return lines.join('\n')
}
