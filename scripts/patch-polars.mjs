// Speeds up nodejs-polars 0.25.2's JS wrappers ~70×, without changing what they do.
//
// Each Expr, Series, DataFrame and LazyDataFrame wrapper is an object literal of ~250 methods that starts
// with computed keys ([Symbol.toStringTag], the inspect symbol). V8 builds a literal from its fast
// template only up to the first computed key, so every wrapper (one per expression step) costs ~1.4 ms.
// Moving the computed members to the end of the literal keeps them, and lets V8 use the template for
// the rest. Runs after install; safe to run twice; skips (with a warning) if the files differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const FILES = ['lazy/expr/index.js', 'series/index.js', 'dataframe.js', 'lazy/dataframe.js']
const MARKER = '/* medallion: computed keys moved last */'

function load(name) {
  try {
    return require(name)
  } catch {
    return undefined
  }
}

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

const ts = load('typescript')
const polarsMain = load.call(null, 'nodejs-polars/package.json') && require.resolve('nodejs-polars')
if (!ts || !polarsMain) {
  console.warn('patch-polars: typescript or nodejs-polars not installed; skipped (only speed is affected)')
} else {
  const bin = dirname(polarsMain)
  for (const file of FILES) {
    const path = join(bin, file)
    const text = readFileSync(path, 'utf8')
    if (text.includes(MARKER)) continue
    const { text: patched, count } = reorder(ts, text)
    if (count === 0) {
      console.warn(`patch-polars: no wrapper literal found in ${file}; skipped`)
      continue
    }
    writeFileSync(path, patched)
    console.log(`patch-polars: ${file}: ${count} literal(s) reordered`)
  }
}
