/**
 * The contract's areas besides the core's own calls (insights, benchmarks, models, settings, files, the
 * application), each
 * answered in its own file. Loaded with the first of these calls (see deferred-handlers.ts), so that a CLI
 * command that never makes one does not load what they need (Polars, the MongoDB driver, the schemas).
 */
import type { Core } from '../app-core.ts'
import { appHandlers } from './app.ts'
import { benchHandlers } from './bench.ts'
import { browseHandlers } from './browse.ts'
import { filesHandlers } from './files.ts'
import { importHandlers } from './import.ts'
import { insightsHandlers } from './insights.ts'
import { mlHandlers } from './ml.ts'
import { runsHandlers } from './runs.ts'
import { schedulesHandlers } from './schedules.ts'
import { settingsHandlers } from './settings.ts'
import { watchesHandlers } from './watches.ts'

export function areaHandlers(core: Core) {
  return {
    ...insightsHandlers(core),
    ...benchHandlers(core),
    ...mlHandlers(core),
    ...settingsHandlers(core),
    ...filesHandlers(core),
    ...appHandlers(core),
    ...browseHandlers(core),
    ...importHandlers(core),
    ...runsHandlers(core),
    ...schedulesHandlers(core),
    ...watchesHandlers(core),
  }
}
export type AreaHandlers = ReturnType<typeof areaHandlers>
