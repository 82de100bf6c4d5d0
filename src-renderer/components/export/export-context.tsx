/**
 * What an export was made under — the active filters and the run whose gold is shown — so a chart's title
 * and every export's file name say it (a PNG taken under a country filter is not mistaken for the whole).
 * A page or panel wraps its content in `ExportScope`; scopes nest, filters add up, the innermost run wins.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react'

export interface ExportContext {
  /** Each active filter as read on screen, e.g. "France, Germany" or "1 Jan 2025 – 30 Jun 2025". */
  filters: readonly string[]
  /** The run whose data is shown, when known. */
  run?: string
}

const NO_CONTEXT: ExportContext = { filters: [] }
const Context = createContext<ExportContext>(NO_CONTEXT)

export function ExportScope({
  filters = [],
  run,
  children,
}: {
  filters?: readonly (string | undefined)[]
  run?: string | undefined
  children: ReactNode
}) {
  const outer = useContext(Context)
  const key = filters.join('\u0000')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters' text is the dependency
  const value = useMemo<ExportContext>(() => {
    const inner = filters.filter((f): f is string => Boolean(f))
    const runId = run ?? outer.run
    return { filters: [...outer.filters, ...inner], ...(runId ? { run: runId } : {}) }
  }, [outer, key, run])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export function useExportContext(): ExportContext {
  return useContext(Context)
}

/** Values a filter names at most in a title or file name; the rest are counted. */
const VALUES_NAMED = 4

/** "France, Germany, Italy, Spain and 3 more": a list of filter values short enough for a title. */
export function filterText(values: readonly string[]): string {
  if (values.length <= VALUES_NAMED) return values.join(', ')
  return `${values.slice(0, VALUES_NAMED).join(', ')} and ${values.length - VALUES_NAMED} more`
}

/** A chart's exported title: "Revenue by product — France, Germany · run 20261203T…". */
export function exportTitle(title: string, context: ExportContext): string {
  const filters = context.filters.length > 0 ? ` — ${context.filters.join(' · ')}` : ''
  const run = context.run ? ` · run ${context.run}` : ''
  return `${title}${filters}${run}`
}

/** The context's words for a file name (slugged by `exportFileName`): filters lower-cased, the run as is. */
export function exportNameParts(context: ExportContext): string[] {
  return [...context.filters.map((f) => f.toLowerCase()), ...(context.run ? [context.run] : [])]
}
