/**
 * Importing files (`#/import`, from the Pipeline page, the first-launch screen and the File menu): choose
 * the files, see what a run would make of them — read in their detected dialect, which can be changed —
 * then run, and land on the run's detail when it ends. The same flow in the window and in a browser; the
 * window can also watch the chosen folder, so new files there start runs of their own.
 */
import { useState } from 'react'
import type { SourceTable } from '../../src-preload/contract.ts'
import { useAppInfo } from '../api/app-hooks.ts'
import { useRunPipeline } from '../api/hooks.ts'
import {
  type ChosenFiles,
  type DialectInput,
  type PreviewSource,
  useSourcesPreview,
} from '../api/import-hooks.ts'
import { useAddWatch } from '../api/watches-hooks.ts'
import { ErrorNote } from '../components/ErrorNote.tsx'
import type { DialectChoice } from '../components/import/DialectEditor.tsx'
import { FilePreviewCard } from '../components/import/FilePreviewCard.tsx'
import { ImportChooser } from '../components/import/ImportChooser.tsx'
import { RunFollow } from '../components/import/RunFollow.tsx'
import { WatchFolderOption } from '../components/import/WatchFolderOption.tsx'
import '../components/import/import.css'
import { fmt } from '../format/index.ts'

const TABLES: SourceTable[] = ['clients', 'achats']

function Preview({
  source,
  ownFolder,
  onBack,
}: {
  source: PreviewSource
  ownFolder?: string
  onBack: () => void
}) {
  const [dialect, setDialect] = useState<DialectInput>({})
  const [watch, setWatch] = useState(false)
  const preview = useSourcesPreview(source, dialect)
  const run = useRunPipeline()
  const addWatch = useAddWatch()
  const dialectChosen = Object.keys(dialect).length > 0
  const data = preview.data
  const started = run.data?.taskId
  const setFileDialect = (table: SourceTable, next: DialectChoice) =>
    setDialect((current) => {
      const copy = { ...current }
      if (Object.keys(next).length === 0) delete copy[table]
      else copy[table] = next as DialectInput[SourceTable]
      return copy
    })
  return (
    <>
      <section className="panel import-summary">
        <h2>Preview</h2>
        {preview.isFetching ? (
          <p className="muted" aria-live="polite">
            Reading the files…
          </p>
        ) : null}
        <ErrorNote error={preview.error} />
        {data?.wouldFail ? (
          <p className="note note-error" data-testid="would-fail">
            A run on these files would stop before gold: {data.wouldFail}
          </p>
        ) : null}
        {data && !data.wouldFail && !preview.isFetching ? (
          <p className="note" data-testid="would-run">
            Both files pass the checks: a run keeps {fmt.count(data.files.clients.counts.kept)} clients and{' '}
            {fmt.count(data.files.achats.counts.kept)} purchases.
          </p>
        ) : null}
        {ownFolder ? (
          <WatchFolderOption
            folder={ownFolder}
            checked={watch}
            onChange={setWatch}
            dialectChosen={dialectChosen}
            locked={started !== undefined}
            saved={addWatch.data}
            error={addWatch.error}
          />
        ) : null}
        <div className="import-actions">
          <button type="button" className="button" onClick={onBack} disabled={started !== undefined}>
            Choose other files
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!data || preview.isFetching || run.isPending || started !== undefined}
            onClick={() =>
              data &&
              run.mutate(
                { from: 'bronze', inputDir: data.inputDir, dialect },
                // Saved once the run is under way, so a refused run leaves no watch behind.
                {
                  onSuccess: () =>
                    watch && ownFolder && !dialectChosen ? addWatch.mutate({ dir: ownFolder }) : undefined,
                },
              )
            }
          >
            {run.isPending ? 'Starting…' : 'Run the pipeline on these files'}
          </button>
        </div>
        <ErrorNote error={run.error} />
        {started && data ? <RunFollow taskId={started} inputDir={data.inputDir} /> : null}
      </section>
      {data
        ? TABLES.map((table) => (
            <FilePreviewCard
              key={table}
              preview={data.files[table]}
              given={(dialect[table] ?? {}) as DialectChoice}
              onDialect={(next) => setFileDialect(table, next)}
              updating={preview.isFetching || started !== undefined}
            />
          ))
        : null}
    </>
  )
}

export function ImportPage() {
  const info = useAppInfo()
  const [chosen, setChosen] = useState<ChosenFiles | null>(null)
  return (
    <div className="page import-page">
      <div className="page-head">
        <h1>Import files</h1>
      </div>
      {info.isPending ? <p className="muted">Loading…</p> : null}
      <ErrorNote error={info.error} />
      {info.data && chosen === null ? (
        <ImportChooser desktop={info.data.desktop} onChosen={setChosen} />
      ) : null}
      {chosen ? (
        <Preview
          key={JSON.stringify(chosen.source)}
          source={chosen.source}
          {...(chosen.ownFolder ? { ownFolder: chosen.ownFolder } : {})}
          onBack={() => setChosen(null)}
        />
      ) : null}
    </div>
  )
}
