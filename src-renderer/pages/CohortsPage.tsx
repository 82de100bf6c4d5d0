/** Cohorts: New clients and revenue per first-purchase month, and cohort retention. */
export function CohortsPage() {
  return (
    <section className="panel">
      <h1>Cohorts</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
