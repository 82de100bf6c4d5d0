/** Models: The predictor and the advisor: training runs, metrics and MLflow links. */
export function ModelsPage() {
  return (
    <section className="panel">
      <h1>Models</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
