// Makes sure nodejs-polars' native package for this platform is installed (runs after `npm install`/`npm ci`).
//
// The four platform packages are optional dependencies, so that `npm ci` works on every OS. But npm skips
// an optional dependency whose "engines" field does not match the running Node (even with --force), and
// these declare Node >= 22 although they work on Node 20, where this project is developed and tested. On
// Node 20 the package is therefore missing after install. This step installs the pinned version with npm
// into a temporary folder, where it is a direct dependency (a mismatched engines field only warns there),
// and moves it into node_modules. Where npm installed it (Node 22 and later), it does nothing.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))

function isMusl() {
  return process.platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime
}

/** The platform package (among our optional dependencies) that this OS, CPU and C library run. */
function packageForThisPlatform() {
  const libc = process.platform === 'linux' ? (isMusl() ? 'musl' : 'glibc') : undefined
  return Object.keys(pkg.optionalDependencies ?? {}).find((name) => {
    const entry = lock.packages?.[`node_modules/${name}`]
    if (!name.startsWith('nodejs-polars-') || !entry) return false
    return (
      entry.os?.includes(process.platform) &&
      entry.cpu?.includes(process.arch) &&
      (!entry.libc || entry.libc.includes(libc))
    )
  })
}

const name = packageForThisPlatform()
const target = name && join(root, 'node_modules', name)
if (name && !existsSync(join(target, 'package.json'))) {
  const version = pkg.optionalDependencies[name]
  const work = mkdtempSync(join(tmpdir(), 'medallion-polars-'))
  try {
    writeFileSync(join(work, 'package.json'), '{"private":true}')
    const npm = process.env.npm_execpath
    const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []]
    execFileSync(
      command,
      [
        ...args,
        'install',
        '--no-save',
        '--no-package-lock',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `${name}@${version}`,
      ],
      { cwd: work, stdio: ['ignore', 'ignore', 'inherit'], shell: !npm && process.platform === 'win32' },
    )
    cpSync(join(work, 'node_modules', name), target, { recursive: true })
    console.log(
      `polars-binding: installed ${name}@${version} (npm skips it on Node ${process.version}: it declares Node >= 22, and works on 20)`,
    )
  } catch (err) {
    console.error(`polars-binding: could not install ${name}@${version}: ${err.message}`)
    process.exitCode = 1
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
