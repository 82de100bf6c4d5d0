/**
 * The first launch, in place of an empty Overview: what Medallion does, and three ways to begin: the
 * sample data, importing files (the import page: chosen or dropped in the window, uploaded in a browser)
 * and the stack. The first run's progress shows here; its success brings the Overview.
 */
import type { AppInfo } from '../../../src-preload/contract-app.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { FirstLaunchChoice } from './FirstLaunchChoice.tsx'
import { FirstRunStatus } from './FirstRunStatus.tsx'
import { LayerFlow } from './LayerFlow.tsx'
import { useFirstRun } from './use-first-run.ts'
import './first-launch.css'

export function FirstLaunchScreen({ info }: { info: AppInfo }) {
  const run = useFirstRun()
  const { sample } = run
  return (
    <div className="page first-launch" data-testid="first-launch">
      <header className="first-launch-intro">
        <p className="first-launch-kicker">Welcome to Medallion</p>
        <h1>Turn raw sales files into clean, ready-to-read figures</h1>
        <p className="first-launch-lead">
          Medallion reads your clients and purchases, cleans them and builds the tables and headline figures
          you explore here: revenue, baskets, segments, cohorts. It all runs on this computer.
        </p>
        <LayerFlow />
      </header>

      <div className="first-launch-choices">
        <FirstLaunchChoice
          title="See it work"
          action={
            <button
              type="button"
              className="button button-primary"
              onClick={run.startSample}
              disabled={run.busy}
            >
              Try it with sample data
            </button>
          }
        >
          1,500 clients and 23,663 purchases are generated, then run through the whole pipeline. It takes a
          few seconds.
        </FirstLaunchChoice>
        <FirstLaunchChoice
          title="Use your data"
          action={
            <button type="button" className="button" onClick={run.startImport} disabled={run.busy}>
              Import your files…
            </button>
          }
        >
          Choose or drop <code>clients.csv</code> and <code>achats.csv</code> (or Parquet), see how they read,
          then run. In the app the files stay where they are; in a browser they are uploaded.
        </FirstLaunchChoice>
        <FirstLaunchChoice
          title="Go further"
          action={
            <button
              type="button"
              className="button"
              onClick={() => {
                window.location.hash = '#/stack'
              }}
            >
              Start the stack
            </button>
          }
        >
          MongoDB, MinIO, Spark, MLflow and Metabase in containers, for the full lakehouse setup.
        </FirstLaunchChoice>
      </div>

      <FirstRunStatus task={run.task} starting={run.awaitingTask} onRetry={run.retry} />
      <ErrorNote error={sample.error} />

      <p className="first-launch-folder">
        Your data lives in <code className="path">{info.dataDir}</code>
      </p>
    </div>
  )
}
