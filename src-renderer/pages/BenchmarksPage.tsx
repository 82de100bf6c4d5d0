/** Benchmarks: Pipeline and refresh benchmarks, run from the app, with their history. */
export function BenchmarksPage() {
  return (
    <section className="panel">
      <h1>Benchmarks</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
