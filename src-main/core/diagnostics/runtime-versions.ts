/** The versions a diagnostics archive starts with: what this process runs on (the app's own comes from the caller). */
import { createRequire } from 'node:module'
import { release, type } from 'node:os'

function packageVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version
  } catch {
    // Not resolvable from here (a bundle that inlines it): say so rather than fail the export.
    return 'unknown'
  }
}

export function runtimeVersions(): Record<string, string> {
  return {
    node: process.versions.node,
    ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
    polars: packageVersion('nodejs-polars'),
    os: `${type()} ${release()}`,
    platform: process.platform,
    arch: process.arch,
  }
}
