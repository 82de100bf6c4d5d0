import { useEffect } from 'react'
import { useTaskEvents } from './api/hooks.ts'
import { ConnectionBar } from './components/errors/ConnectionBar.tsx'
import { ThemeSync } from './components/settings/ThemeSync.tsx'
import { TasksDrawer } from './components/tasks/TasksDrawer.tsx'
import { hashSegments, useHashSegments } from './hash-path.ts'
import { BenchmarksPage } from './pages/BenchmarksPage.tsx'
import { CohortsPage } from './pages/CohortsPage.tsx'
import { CustomersPage } from './pages/CustomersPage.tsx'
import { DataPage } from './pages/DataPage.tsx'
import { HomePage } from './pages/HomePage.tsx'
import { ImportPage } from './pages/ImportPage.tsx'
import { ModelsPage } from './pages/ModelsPage.tsx'
import { PipelinePage } from './pages/PipelinePage.tsx'
import { SalesPage } from './pages/SalesPage.tsx'
import { SettingsPage } from './pages/SettingsPage.tsx'
import { StackPage } from './pages/StackPage.tsx'

const PAGES = [
  // The first-launch screen stands in for the Overview until a run has succeeded.
  { id: 'overview', label: 'Overview', Page: HomePage },
  { id: 'sales', label: 'Sales', Page: SalesPage },
  { id: 'customers', label: 'Customers', Page: CustomersPage },
  { id: 'cohorts', label: 'Cohorts', Page: CohortsPage },
  { id: 'pipeline', label: 'Pipeline', Page: PipelinePage },
  { id: 'data', label: 'Data', Page: DataPage },
  { id: 'stack', label: 'Stack', Page: StackPage },
  { id: 'models', label: 'Models', Page: ModelsPage },
  { id: 'benchmarks', label: 'Benchmarks', Page: BenchmarksPage },
  { id: 'settings', label: 'Settings', Page: SettingsPage },
] as const
/** Pages reached from buttons and the File menu rather than the top bar (`#/import`: importing files). */
const FLOW_PAGES = [{ id: 'import', label: 'Import files', Page: ImportPage }] as const
const ROUTES = [...PAGES, ...FLOW_PAGES]
type PageId = (typeof ROUTES)[number]['id']

/** `#/pipeline` (or `#/pipeline/runs/<id>`) → 'pipeline'; anything else is the Overview, the first page. */
export function pageFromHash(hash: string): PageId {
  return pageOf(hashSegments(hash))
}

function pageOf([id]: readonly string[]): PageId {
  return ROUTES.find((p) => p.id === id)?.id ?? 'overview'
}

export function App() {
  useTaskEvents()
  // The page is the path's first segment; a page reads the rest itself (useHashSegments).
  const current = pageOf(useHashSegments())
  const { Page, label } = ROUTES.find((p) => p.id === current) ?? PAGES[0]
  // Each page names the tab (and the history's entries): "Sales — Medallion".
  useEffect(() => {
    document.title = `${label} — Medallion`
  }, [label])
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Medallion</span>
        <nav className="nav" aria-label="Sections">
          {PAGES.map(({ id, label }) => (
            <a
              key={id}
              href={`#/${id}`}
              className={id === current ? 'nav-item nav-item-active' : 'nav-item'}
              aria-current={id === current ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
        <TasksDrawer />
      </header>
      <ThemeSync />
      <ConnectionBar />
      <main className="content">
        <Page />
      </main>
    </div>
  )
}
