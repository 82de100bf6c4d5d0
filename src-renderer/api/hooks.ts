/**
 * TanStack Query hooks over the contract. The client comes from React context (`ClientContext`), set
 * once in main.tsx, so a test or the web mode can hand in another one.
 */
import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect } from 'react'
import type { CallInput, TaskInfo } from '../../src-preload/contract.ts'
import { SAMPLE_TASK_KIND } from '../../src-preload/names-app.ts'
import type { MedallionClient } from './client.ts'

export const ClientContext = createContext<MedallionClient | null>(null)

export function useClient(): MedallionClient {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient: no ClientContext provider above this component')
  return client
}

export const queryKeys = {
  tasks: ['tasks.list'] as const,
  runs: ['pipeline.runs'] as const,
  runsLimited: (limit: number) => ['pipeline.runs', limit] as const,
  /** Everything read from the serving store, invalidated together when new gold may be served. */
  served: ['served'] as const,
  kpis: ['served', 'data.kpis'] as const,
  monthly: ['served', 'data.table', 'monthly'] as const,
  storeStatus: ['served', 'serving.status'] as const,
  /** What the app is and whether this is the first launch (see app-hooks.ts). */
  appInfo: ['app.info'] as const,
}

/** Tasks that commit a pipeline run when they succeed: the first launch is over once one has. */
export const RUN_TASK_KINDS: ReadonlySet<string> = new Set([SAMPLE_TASK_KIND, 'pipeline'])

/** Log lines kept per task in the cache, as many as the task registry keeps. */
const MAX_LOG_LINES = 500

/** Months the revenue chart asks for: every month of any realistic history, in one page. */
const MONTHS_SHOWN = 1_200

export function useTasks() {
  const client = useClient()
  return useQuery({
    queryKey: queryKeys.tasks,
    queryFn: () => client.invoke('tasks.list', {}),
  })
}

export function useRuns(limit = 50) {
  const client = useClient()
  return useQuery({
    queryKey: queryKeys.runsLimited(limit),
    queryFn: () => client.invoke('pipeline.runs', { limit }),
  })
}

export function kpisQuery(client: MedallionClient) {
  return queryOptions({ queryKey: queryKeys.kpis, queryFn: () => client.invoke('data.kpis', {}) })
}

export function monthlyQuery(client: MedallionClient) {
  return queryOptions({
    queryKey: queryKeys.monthly,
    queryFn: () => client.invoke('data.table', { route: 'monthly', sort: 'mois:asc', limit: MONTHS_SHOWN }),
  })
}

/** The headline KPIs of the served gold; `null` when nothing is published yet. */
export function useKpis() {
  return useQuery(kpisQuery(useClient()))
}

/** Revenue per month (`mois`, `ca`), oldest first; `null` when nothing is published yet. */
export function useMonthly() {
  return useQuery(monthlyQuery(useClient()))
}

export function storeStatusQuery(client: MedallionClient) {
  return queryOptions({ queryKey: queryKeys.storeStatus, queryFn: () => client.invoke('serving.status', {}) })
}

/** Which store serves and whether it answers. */
export function useStoreStatus() {
  return useQuery(storeStatusQuery(useClient()))
}

export function useRunPipeline() {
  const client = useClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<'pipeline.run'>) => client.invoke('pipeline.run', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

export function useCancelTask() {
  const client = useClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => client.invoke('tasks.cancel', { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

/** Puts a task into the cached list (newest first), replacing the copy with the same id. */
export function upsertTask(tasks: TaskInfo[] | undefined, task: TaskInfo): TaskInfo[] {
  const list = tasks ?? []
  const at = list.findIndex((t) => t.id === task.id)
  if (at === -1) return [task, ...list]
  const next = list.slice()
  next[at] = task
  return next
}

/** Appends one log line to a cached task; unknown ids are left for the next `task.changed`. */
export function appendTaskLog(
  tasks: TaskInfo[] | undefined,
  id: string,
  line: string,
): TaskInfo[] | undefined {
  if (!tasks) return tasks
  const at = tasks.findIndex((t) => t.id === id)
  const task = tasks[at]
  if (!task) return tasks
  const next = tasks.slice()
  next[at] = { ...task, logs: [...task.logs, line].slice(-MAX_LOG_LINES) }
  return next
}

function applyTaskChanged(queryClient: QueryClient, task: TaskInfo): void {
  queryClient.setQueryData<TaskInfo[]>(queryKeys.tasks, (old) => upsertTask(old, task))
  // A task that ends may have added a run to the history (cheap to re-read, so no guessing by kind).
  if (task.state !== 'running') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs })
    // The data browser's run and table lists (browse-hooks.ts) follow the history.
    void queryClient.invalidateQueries({ queryKey: ['browse', 'tables'] })
  }
  // A run or a publish that succeeded may have changed what is served (again no guessing by kind: a few
  // small reads).
  if (task.state === 'succeeded') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.served })
  }
  // The first successful run ends the first launch, wherever it was started (this window, the CLI).
  if (task.state === 'succeeded' && RUN_TASK_KINDS.has(task.kind)) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.appInfo })
  }
}

/**
 * Keeps the tasks query live: `task.changed` replaces the task in the cache, `task.log` appends a line.
 * Mount it once, high in the tree.
 */
export function useTaskEvents(): void {
  const client = useClient()
  const queryClient = useQueryClient()
  useEffect(() => {
    const offChanged = client.subscribe('task.changed', (task) => applyTaskChanged(queryClient, task))
    const offLog = client.subscribe('task.log', ({ id, line }) => {
      queryClient.setQueryData<TaskInfo[]>(queryKeys.tasks, (old) => appendTaskLog(old, id, line))
    })
    // Events sent before the subscription would be missed: read the list once more now that we listen.
    void queryClient.invalidateQueries({ queryKey: queryKeys.tasks })
    return () => {
      offChanged()
      offLog()
    }
  }, [client, queryClient])
}
