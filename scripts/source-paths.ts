/**
 * The files the core uses when it runs from a clone (scripts, tests): the bundles in out/cli/ (rebuilt
 * here when a source changed), compose/, pipelines/spark/.
 */
import { appPaths } from '../src-main/core/app-paths.ts'
import { ensureCliBundle, REPO_ROOT } from './cli-bundle.mjs'

await ensureCliBundle()

export const SOURCE_PATHS = appPaths(REPO_ROOT)
