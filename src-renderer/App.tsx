import { Suspense, useEffect } from 'react'
import { useTaskEvents } from './api/hooks.ts'
import { ConnectionBar } from './components/errors/ConnectionBar.tsx'
import { FailureBanner } from './components/errors/FailureBanner.tsx'
import { ThemeSync } from './components/settings/ThemeSync.tsx'
import { TasksDrawer } from './components/tasks/TasksDrawer.tsx'
import { hashSegments, useHashSegments } from './hash-path.ts'
import { lazyPage } from './lazy-page.ts'

/**
 * Each page is its own chunk, fetched when the page is first opened (recharts goes with the chart pages):
 * the first paint waits only for the shell and the page shown.
 */
const BenchmarksPage = lazyPage(() => import('./pages/BenchmarksPage.tsx'), 'BenchmarksPage')
const CohortsPage = lazyPage(() => import('./pages/CohortsPage.tsx'), 'CohortsPage')
const CustomersPage = lazyPage(() => import('./pages/CustomersPage.tsx'), 'CustomersPage')
const DataPage = lazyPage(() => import('./pages/DataPage.tsx'), 'DataPage')
const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'HomePage')
const ImportPage = lazyPage(() => import('./pages/ImportPage.tsx'), 'ImportPage')
const ModelsPage = lazyPage(() => import('./pages/ModelsPage.tsx'), 'ModelsPage')
const PipelinePage = lazyPage(() => import('./pages/PipelinePage.tsx'), 'PipelinePage')
const SalesPage = lazyPage(() => import('./pages/SalesPage.tsx'), 'SalesPage')
const SettingsPage = lazyPage(() => import('./pages/SettingsPage.tsx'), 'SettingsPage')
const StackPage = lazyPage(() => import('./pages/StackPage.tsx'), 'StackPage')

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

/**
 * Starts fetching the chunk of the page `hash` opens, before React first renders: the shell's start-up
 * and the page's download then overlap instead of following one another (main.tsx calls it first thing).
 */
export function preloadPage(hash: string): void {
  const id = pageFromHash(hash)
  ROUTES.find((p) => p.id === id)?.Page.preload()
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
      <FailureBanner />
      <main className="content">
        <Suspense fallback={<output className="page-loading">Loading…</output>}>
          <Page />
        </Suspense>
      </main>
    </div>
  )
}
