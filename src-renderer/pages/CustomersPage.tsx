/** Customers: Segments, re-purchase probability, top opportunities and at-risk clients, client detail. */
export function CustomersPage() {
  return (
    <section className="panel">
      <h1>Customers</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
