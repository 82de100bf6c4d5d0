/** Stack: The services: Up, Down, Reset, health, ports, links and logs. */
export function StackPage() {
  return (
    <section className="panel">
      <h1>Stack</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
