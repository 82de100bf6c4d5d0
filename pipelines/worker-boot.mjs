// Starts the TypeScript worker outside Electron (CLI, tests): registers tsx in this thread, then loads it.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
