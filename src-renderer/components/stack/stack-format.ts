/** Short texts for the stack page: uptimes, published ports, scopes, and what a deleted item is. */
import type { ResetScope, ResetStep, StackServiceStatus } from '../../../src-preload/contract.ts'

export function formatUptime(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.floor(seconds)
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}

/** `127.0.0.1:27017→27017/tcp`, one per binding; UDP is said, TCP is the default. */
export function formatPorts(ports: StackServiceStatus['ports']): string {
  if (ports.length === 0) return '—'
  return ports
    .map(
      (p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}→${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`,
    )
    .join(', ')
}

export const SCOPE_CHOICES: readonly { value: ResetScope; title: string; hint: string }[] = [
  {
    value: 'containers',
    title: 'Containers',
    hint: 'Stops and removes the containers and the network. Volumes and local data stay.',
  },
  {
    value: 'volumes',
    title: '+ volumes',
    hint: 'Also deletes the volumes: MongoDB’s published gold and MinIO’s lake objects.',
  },
  {
    value: 'data',
    title: '+ local data',
    hint: 'Also deletes the local lake and its cache in the data folder: every run and the run history.',
  },
]

export const ITEM_KINDS: Record<ResetStep['items'][number]['kind'], string> = {
  container: 'container',
  network: 'network',
  volume: 'volume',
  path: 'folder',
}

export function itemCount(steps: readonly ResetStep[]): number {
  return steps.reduce((n, step) => n + step.items.length, 0)
}
