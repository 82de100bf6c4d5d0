#!/usr/bin/env node
// The `medallion` command: runs the prebuilt CLI bundle (out/cli/), rebuilding it first when a source file
// has changed since it was built, so a clone needs no build step and starts in a fraction of a second.
import { pathToFileURL } from 'node:url'
import { CLI_BUNDLE, ensureCliBundle } from '../scripts/cli-bundle.mjs'

try {
  await ensureCliBundle()
} catch (err) {
  process.stderr.write(`medallion: the command could not be built from the sources: ${err.message}\n`)
  process.exit(1)
}
const { runCli } = await import(pathToFileURL(CLI_BUNDLE.medallion).href)
process.exitCode = await runCli(process.argv.slice(2))
