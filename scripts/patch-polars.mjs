// Speeds up nodejs-polars 0.25.2's JS wrappers ~70×, without changing what they do.
//
// Each Expr, Series, DataFrame and LazyDataFrame wrapper is an object literal of ~250 methods that starts
// with computed keys ([Symbol.toStringTag], the inspect symbol). V8 builds a literal from its fast
// template only up to the first computed key, so every wrapper (one per expression step) costs ~1.4 ms.
// Moving the computed members to the end of the literal keeps them, and lets V8 use the template for
// the rest. Runs after install; safe to run twice.
//
// It rewrites code that runs with the app's rights, so it rewrites only the exact files it was written
// for: each file's SHA-256 must be nodejs-polars 0.25.2's original (from the npm tarball whose sha512
// package-lock.json pins) or this patch's own result (already patched: left alone), and the result must
// hash to the known patched file before it replaces the original. Anything else is left untouched with
// a warning, never an error: the app is as correct without the patch, only slower. After upgrading
// nodejs-polars, recompute both hashes from the new tarball (`npm pack nodejs-polars@<version>`).
//
// Usage: node scripts/patch-polars.mjs [nodejs-polars package folder]   (default: the installed one)
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const VERSION = '0.25.2'
const MARKER = '/* medallion: computed keys moved last */'
const SLOWER = 'Medallion stays correct, only slower (each Polars expression is built ~13× slower)'

/** The files rewritten (under the package's bin/), with the SHA-256 of the original and of the result. */
const FILES = {
  'lazy/expr/index.js': {
    original: '23ba19c58c12da138893eb206e380feea11d58a56e706cdf9b4b5515e28a2a08',
    patched: 'cb9805a274d1acde44592cec7310511d7f8fcea0f7a7b8d55d640ec7cfa55f4b',
  },
  'series/index.js': {
    original: 'f64d82ffeaabfa580ed7cf005d1e063c3b8422633a51ed9918199a433b3a2fcf',
    patched: 'd1fd1a44218e615d988b2a1d6e9cdf1f7ff8c828cd099d866eef3b5bd76d9d6e',
  },
  'dataframe.js': {
    original: '87155fadaf7e2eb038ec3956cbf7167570323737afa5488fc4f5a246131e5b4e',
    patched: 'c61e25d5b630dfe971bcc89f8046aa56cf412adde8de50c9b9243164e488ca56',
  },
  'lazy/dataframe.js': {
    original: '9cd970e4a37ad1478aae92f5306c133070d0e7afae0ece270c2454c8d51ea469',
    patched: 'cca02b09a723a2772453c0773720b9cd4202f4fca33cabea2d76f4b8c2314a72',
  },
}

function load(name) {
  try {
    return require(name)
  } catch {
    return undefined
  }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex')

/** Moves the computed-key members of every large object literal after its other members. */
function reorder(ts, text) {
  const source = ts.createSourceFile('f.js', text, ts.ScriptTarget.Latest, true)
  const edits = []
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node) && node.properties.length > 50) {
      const computed = node.properties.filter((p) => p.name && ts.isComputedPropertyName(p.name))
      if (computed.length > 0) edits.push({ node, computed })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  // Apply from the end so earlier offsets stay valid.
  for (const { node, computed } of edits.reverse()) {
    const moved = computed.map((p) => text.slice(p.getStart(source), p.getEnd())).join(',\n')
    const close = node.getEnd() - 1
    const lastProp = node.properties[node.properties.length - 1]
    const tail = text.slice(lastProp.getEnd(), close)
    const trailingComma = tail.trim().startsWith(',')
    let out = `${text.slice(0, close)}${trailingComma ? '' : ','}\n${MARKER}\n${moved}\n${text.slice(close)}`
    for (const p of [...computed].reverse()) {
      let end = p.getEnd()
      if (out[end] === ',') end += 1
      out = out.slice(0, p.getStart(source)) + out.slice(end)
    }
    text = out
  }
  return { text, count: edits.length }
}

/** Replaces the file whole (a killed install never leaves half a file), keeping its mode. */
function replaceFile(path, text) {
  const temporary = `${path}.medallion-patch-${process.pid}`
  writeFileSync(temporary, text, { mode: statSync(path).mode & 0o777 })
  renameSync(temporary, path)
}

/** Patches one file when it is exactly the known original; says why not otherwise. */
function patchFile(ts, bin, file) {
  const known = FILES[file]
  const path = join(bin, file)
  let text
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    return console.warn(`patch-polars: cannot read ${path} (${err.code ?? err.message}); skipped. ${SLOWER}`)
  }
  const found = sha256(text)
  if (found === known.patched) return console.log(`patch-polars: ${file}: already patched`)
  if (found !== known.original) {
    return console.warn(
      `patch-polars: ${path} is not nodejs-polars ${VERSION}'s file (SHA-256 ${found}); refused, left untouched. ${SLOWER}`,
    )
  }
  const { text: patched, count } = reorder(ts, text)
  if (sha256(patched) !== known.patched) {
    return console.warn(
      `patch-polars: patching ${file} gave an unexpected result (another TypeScript parser?); refused, left untouched. ${SLOWER}`,
    )
  }
  replaceFile(path, patched)
  console.log(`patch-polars: ${file}: ${count} literal(s) reordered`)
}

function packageFolder() {
  if (process.argv[2]) return resolve(process.argv[2])
  const main = load('nodejs-polars/package.json') && require.resolve('nodejs-polars')
  return main ? dirname(dirname(main)) : undefined
}

const ts = load('typescript')
const folder = packageFolder()
if (!ts || !folder) {
  console.warn(`patch-polars: typescript or nodejs-polars not installed; skipped. ${SLOWER}`)
} else {
  for (const file of Object.keys(FILES)) patchFile(ts, join(folder, 'bin'), file)
}
