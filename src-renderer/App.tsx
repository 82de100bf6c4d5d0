import { useTaskEvents } from './api/hooks.ts'
import { PipelinePage } from './pages/PipelinePage.tsx'

export function App() {
  useTaskEvents()
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Medallion</span>
        <nav className="nav" aria-label="Sections">
          <span className="nav-item nav-item-active" aria-current="page">
            Pipeline
          </span>
        </nav>
      </header>
      <main className="content">
        <PipelinePage />
      </main>
    </div>
  )
}
