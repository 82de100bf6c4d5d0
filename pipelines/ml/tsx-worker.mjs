// Starts the training worker from the source tree (the CLI and the tests): TypeScript loads through tsx.
// A bundled app starts its built worker instead (see src-main/core/ml/training-worker.ts).
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
