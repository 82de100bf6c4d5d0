/**
 * electron-vite build of the three Electron targets, with our folder names as explicit entries:
 * - main    src-main/index.ts     → out/main/index.js (ESM; dependencies such as nodejs-polars, dockerode
 *                                   and mongodb stay external and load from node_modules at runtime). The
 *                                   CLI and the worker threads are the esbuild bundle in out/cli/
 *                                   (scripts/cli-bundle.mjs), which main starts from there.
 * - preload src-preload/index.ts  → out/preload/index.cjs (ONE CommonJS file with every dependency
 *                                   bundled, so it runs with `sandbox: true`, where only `electron` can be required)
 * - renderer src-renderer/index.html → out/renderer/ (minified; each page a chunk of its own, App.tsx)
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

const root = import.meta.dirname

/**
 * Dev server only. The React plugin adds its Refresh preamble to index.html as an inline script, which the
 * page's CSP (script-src 'self', also sent as a header by main) blocks. main.tsx imports the plugin's
 * documented `@vitejs/plugin-react/preamble` module instead, so the inline copy is dropped here and the
 * CSP stays the same in dev and in the build.
 */
function dropInlineRefreshPreamble(): Plugin {
  return {
    name: 'medallion:drop-inline-refresh-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>\s*/, ''),
    },
  }
}

/**
 * The app icon (resources/icon.svg, the one source every icon is rendered from) as the page's favicon:
 * `favicon.svg` beside index.html in the build (web mode and the window's app:// scheme serve it), on the
 * dev server too, and linked from the page so no browser asks for a missing /favicon.ico.
 */
function faviconFromAppIcon(): Plugin {
  const fileName = 'favicon.svg'
  const icon = () => readFileSync(resolve(root, 'resources/icon.svg'))
  return {
    name: 'medallion:favicon',
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_req, res) => {
        res.setHeader('Content-Type', 'image/svg+xml')
        res.end(icon())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: icon() })
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'icon', type: 'image/svg+xml', href: `./${fileName}` }, injectTo: 'head' },
    ],
  }
}

/**
 * The project's online documentation, for the Help menu: MEDALLION_DOCS_URL, else the repository a GitHub
 * Actions build runs in; none in a local build (the menu then leaves the entry out).
 */
function docsUrl(): string {
  const { MEDALLION_DOCS_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY } = process.env
  if (MEDALLION_DOCS_URL) return MEDALLION_DOCS_URL
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}#readme` : ''
}

/**
 * MEDALLION_SINGLE_BUNDLE=1 builds the renderer as one script (every page inlined), as before the pages
 * were split: only `npm run bench:ui` asks for it, to measure the split build against it in the same run.
 */
const singleBundle = process.env.MEDALLION_SINGLE_BUNDLE === '1'

export default defineConfig({
  main: {
    define: { __MEDALLION_DOCS_URL__: JSON.stringify(docsUrl()) },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-main/index.ts') },
        // Chunks beside index.js: their paths to ../preload and ../renderer are index.js's.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          inlineDynamicImports: true,
        },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      // electron-vite leaves the build unminified; the renderer is also served over HTTP in web mode,
      // where every kilobyte of a page's chunks is waited for.
      minify: 'esbuild',
      // One stylesheet (~30 KiB) loaded with the shell: no page waits for a CSS request of its own.
      cssCodeSplit: false,
      rollupOptions: {
        input: resolve(root, 'src-renderer/index.html'),
        output: singleBundle
          ? { inlineDynamicImports: true }
          : // Modules shared by a few pages went each into a chunk of its own, many under 1 KiB: a page
            // then asked for 15–20 files at once, more than a browser fetches at a time from one server
            // (6 over HTTP/1.1), and its data's requests queued behind them. Small ones are merged.
            { experimentalMinChunkSize: 16 * 1024 },
      },
    },
    plugins: [react(), dropInlineRefreshPreamble(), faviconFromAppIcon()],
  },
})
