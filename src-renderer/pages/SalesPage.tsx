/** Sales: Monthly, daily and weekly revenue, by country and product, basket distribution, with filters. */
export function SalesPage() {
  return (
    <section className="panel">
      <h1>Sales</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
