import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'pipelines/**/*.test.ts', 'src-main/**/*.test.ts'],
    globals: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Polars runs its own thread pool; two vitest workers already fill this 2-core machine.
    maxWorkers: 2,
    minWorkers: 1,
  },
})
