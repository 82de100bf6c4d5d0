/**
 * What a packaged app must hold, checked on electron-builder's unpacked output (`dist/<platform>-unpacked`):
 * app.asar with the built app and production dependencies only, Polars' native module unpacked beside it,
 * and the resources another process or the user reads (compose file, Spark job, CLI launcher).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { listPackage } from '@electron/asar'

/** The resources folder of an unpacked app, per platform. */
export function resourcesDir(appDir: string): string {
  const macApp = readdirSync(appDir).find((name) => name.endsWith('.app'))
  return macApp ? join(appDir, macApp, 'Contents', 'Resources') : join(appDir, 'resources')
}

const REQUIRED_IN_ASAR = [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/out/cli/medallion.mjs',
  '/out/cli/pipeline-worker.mjs',
  '/out/cli/ml-worker.mjs',
  '/out/cli/bench-child.mjs',
  '/out/icons/png/32x32.png',
  '/node_modules/nodejs-polars/package.json',
]

/** Nothing of the source tree, the tests, the docs or the tools that build it. */
const FORBIDDEN_IN_ASAR: { what: string; test: (entry: string) => boolean }[] = [
  {
    what: 'sources',
    test: (e) => /^\/(src-main|src-preload|src-renderer|pipelines|scripts|compose)\//.test(e),
  },
  { what: 'tests', test: (e) => /^\/tests\//.test(e) || /^\/out\/.*\.test\.[cm]?js$/.test(e) },
  { what: 'docs', test: (e) => /^\/(docs\/|README\.md$)/.test(e) },
  { what: 'TypeScript', test: (e) => !e.startsWith('/node_modules/') && /\.tsx?$/.test(e) },
  {
    what: 'dev tools',
    test: (e) =>
      /^\/node_modules\/(electron|electron-builder|electron-vite|vite|vitest|typescript|esbuild|@esbuild|tsx|@biomejs|playwright-core|react|react-dom|recharts|@tanstack|@vitejs|@electron\/asar|@electron\/fuses|@resvg|png2icons)\//.test(
        e,
      ),
  },
  { what: 'build caches', test: (e) => /^\/(out\/cli\/inputs\.json|node_modules\/\.cache\/)/.test(e) },
]

export interface LayoutReport {
  asarEntries: number
  problems: string[]
}

export function checkPackageLayout(appDir: string): LayoutReport {
  const resources = resourcesDir(appDir)
  const asar = join(resources, 'app.asar')
  const problems: string[] = []
  if (!existsSync(asar)) return { asarEntries: 0, problems: [`no app.asar in ${resources}`] }
  const entries = listPackage(asar, { isPack: false })
  const present = new Set(entries)
  for (const file of REQUIRED_IN_ASAR) if (!present.has(file)) problems.push(`app.asar lacks ${file}`)
  for (const rule of FORBIDDEN_IN_ASAR) {
    const found = entries.filter(rule.test)
    if (found.length) problems.push(`app.asar holds ${rule.what}: ${found.slice(0, 5).join(', ')}`)
  }
  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules')
  const native = existsSync(unpacked)
    ? readdirSync(unpacked)
        .filter((name) => name.startsWith('nodejs-polars-'))
        .flatMap((name) => readdirSync(join(unpacked, name)).filter((file) => file.endsWith('.node')))
    : []
  if (native.length === 0) problems.push(`no native Polars module (*.node) in ${unpacked}`)
  for (const file of [
    'compose/docker-compose.yml',
    'compose/.env.example',
    'pipelines/spark/job.py',
    'pipelines/spark/log4j2.properties',
    'bin/medallion',
    'bin/medallion.cmd',
  ]) {
    if (!existsSync(join(resources, file))) problems.push(`the resources lack ${file}`)
  }
  return { asarEntries: entries.length, problems }
}
