/**
 * Benchmarks: run the pipeline or the dashboard-refresh benchmark from the app, and compare what was
 * recorded over time with the original's figures (pandas, Spark, its Parquet and API refreshes).
 */
import { useBenchHistory, useBenchHistoryRefresh } from '../api/bench-hooks.ts'
import { BenchHistoryTable } from '../components/bench/BenchHistoryTable.tsx'
import { BenchRunPanel } from '../components/bench/BenchRunPanel.tsx'
import { latestRefresh } from '../components/bench/bench-series.ts'
import { LayerBarsChart } from '../components/bench/LayerBarsChart.tsx'
import { PipelineTimelineChart } from '../components/bench/PipelineTimelineChart.tsx'
import { RefreshPanelsChart } from '../components/bench/RefreshPanelsChart.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import './BenchmarksPage.css'

export function BenchmarksPage() {
  useBenchHistoryRefresh()
  const history = useBenchHistory()
  const data = history.data
  const refresh = data ? latestRefresh(data.results) : undefined
  return (
    <div className="page" data-testid="page-benchmarks">
      <div className="page-head">
        <h1>Benchmarks</h1>
        <span className="muted">
          Figures compare only on the same machine; the original's were recorded on its own.
        </span>
      </div>
      <BenchRunPanel />
      <ErrorNote error={history.error} />
      {data ? (
        <>
          <div className="bench-grid">
            <PipelineTimelineChart results={data.results} reference={data.reference} />
            <LayerBarsChart results={data.results} reference={data.reference} />
          </div>
          {refresh ? (
            <RefreshPanelsChart result={refresh} reference={data.reference} />
          ) : (
            <section className="panel">
              <h2>Dashboard refresh per panel</h2>
              <p className="muted">No refresh benchmark yet: choose “Dashboard refresh” above and run it.</p>
            </section>
          )}
          <BenchHistoryTable results={data.results} />
        </>
      ) : null}
    </div>
  )
}
