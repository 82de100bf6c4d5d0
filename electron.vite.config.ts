/**
 * electron-vite build of the three Electron targets, with our folder names as explicit entries:
 * - main    src-main/index.ts     → out/main/index.js (ESM; dependencies such as nodejs-polars, dockerode
 *                                   and mongodb stay external and load from node_modules at runtime)
 * - preload src-preload/index.ts  → out/preload/index.cjs (ONE CommonJS file with every dependency
 *                                   bundled, so it runs with `sandbox: true`, where only `electron` can be required)
 * - renderer src-renderer/index.html → out/renderer/
 */
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

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-main/index.ts') },
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
      rollupOptions: {
        input: resolve(root, 'src-renderer/index.html'),
      },
    },
    plugins: [react(), dropInlineRefreshPreamble()],
  },
})
