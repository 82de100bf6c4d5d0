/** Settings: Endpoints, data folder, ports and theme. */
export function SettingsPage() {
  return (
    <section className="panel">
      <h1>Settings</h1>
      <p className="muted">This page is being built.</p>
    </section>
  )
}
