/** `medallion diagnostics [--out FILE]`: the zip for a bug report (the same as the app's Help menu writes). */
import { resolve } from 'node:path'
import { exportFileName } from '../../src-preload/values.ts'
import type { CliContext } from '../cli.ts'
import type { Core } from '../core/app-core.ts'
import { diagnosticsSourcesFromCore } from '../core/diagnostics/core-sources.ts'
import { writeDiagnosticsZip } from '../core/diagnostics/diagnostics-zip.ts'
import type { CommandIo } from './command-io.ts'
import type { Values } from './options.ts'

export async function diagnosticsCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  _positionals: string[],
  context: Pick<CliContext, 'logFiles'>,
): Promise<number> {
  const path = resolve(values.out ?? exportFileName('medallion-diagnostics', 'zip'))
  const sources = diagnosticsSourcesFromCore(core, {
    medallionVersion: core.options.version ?? 'unknown',
    logFiles: context.logFiles ?? [],
  })
  const result = await writeDiagnosticsZip(path, sources)
  io.print(
    result,
    `wrote ${result.path} (${result.entries.length} files, ${result.bytes} bytes; secrets removed)`,
  )
  return 0
}
