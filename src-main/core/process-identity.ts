/**
 * Telling a process of this machine apart from a later one that got the same PID: its PID plus when it
 * started. A lock records both, so a live PID whose start differs is known to be another process.
 *
 * - Linux: field 22 of /proc/<pid>/stat (start in clock ticks since boot) with the boot's id
 *   (/proc/sys/kernel/random/boot_id), which names the boot exactly; /proc/stat's btime can move by a
 *   second when the clock is adjusted, which would make a live holder look like another process.
 * - macOS and the BSDs: `ps -o lstart= -p <pid>` in UTC and the C locale, so every reader prints the same.
 * - Windows: none (reading it means starting PowerShell, about a second): a live PID counts as the holder.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Whether a process of this machine still exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function linuxBoot(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? 'unknown-boot'
  }
}

function linuxStart(pid: number): string | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Field 2 (the command name, in parentheses) may hold spaces and ')': count fields after the last ')'.
  const ticks = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .at(22 - 3)
  return ticks ? `linux ${linuxBoot()} ${ticks}` : undefined
}

function psStart(pid: number): string | undefined {
  const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 5_000,
  }).trim()
  return out ? `ps ${out.replace(/\s+/g, ' ')}` : undefined
}

/**
 * When the process started, as an opaque text to compare (equal means the same process); undefined when
 * the process does not exist or the platform cannot tell.
 */
export function processStartTime(
  pid: number,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  try {
    if (platform === 'linux') return linuxStart(pid)
    if (platform === 'win32') return undefined
    return psStart(pid)
  } catch {
    return undefined
  }
}

let ownStart: { value: string | undefined } | undefined

/** This process's own start time, read once. */
export function ownStartTime(): string | undefined {
  ownStart ??= { value: processStartTime(process.pid) }
  return ownStart.value
}
