/**
 * A test server's binary, built by a script of ours into the tools folder outside the clone. Under CI a
 * missing one fails the tests (CI builds it); on a laptop without Go the tests skip and say why.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface TestTool {
  bin: string
  available: boolean
  skipReason: string
}

export function testTool(name: string, overrideVariable: string, buildScript: string): TestTool {
  const bin =
    process.env[overrideVariable] ??
    join(process.env.MEDALLION_TOOLS_DIR ?? join(homedir(), '.cache/medallion/bin'), name)
  const available = existsSync(bin)
  if (!available && process.env.CI) {
    throw new Error(`${name} test server not found at ${bin}: .ci/run builds it with ${buildScript}`)
  }
  return { bin, available, skipReason: `no ${name} at ${bin} (run ${buildScript})` }
}
