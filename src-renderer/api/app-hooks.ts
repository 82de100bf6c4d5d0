/**
 * The application over the contract: what it is and where its data lives (`app.info`, read again when a
 * run succeeds, see useTaskEvents), the first launch's sample data, importing a folder, and the window's
 * own actions on the data folder. The window-only calls reject with `window_only` in a browser.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DataFolderChange } from '../../src-preload/names-app.ts'
import { isClientError, type MedallionClient } from './client.ts'
import { queryKeys, useClient } from './hooks.ts'

export function appInfoQuery(client: MedallionClient) {
  return queryOptions({ queryKey: queryKeys.appInfo, queryFn: () => client.invoke('app.info', {}) })
}

export function useAppInfo() {
  return useQuery(appInfoQuery(useClient()))
}

/** A mutation that starts a task (or may), shown in the task list at once. */
function useTaskStarter<I, O>(start: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: start,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

/** Generates the sample sources and runs the pipeline on them, as one task. */
export function useStartSample() {
  const client = useClient()
  // biome-ignore lint/suspicious/noConfusingVoidType: the call takes no input, so mutate() needs no argument
  return useTaskStarter((_: void) => client.invoke('app.sample', {}))
}

/** The window's folder picker, then a pipeline run on that folder; `unavailable` in a browser. */
export function useImportFolder() {
  const client = useClient()
  // biome-ignore lint/suspicious/noConfusingVoidType: the call takes no input, so mutate() needs no argument
  return useTaskStarter((_: void) => client.invoke('app.importFolder', {}))
}

export function useOpenDataFolder() {
  const client = useClient()
  return useMutation({ mutationFn: () => client.invoke('app.openDataFolder', {}) })
}

/** A folder picker and a confirmation in the window; the app then restarts on the new folder. */
export function useChangeDataFolder() {
  const client = useClient()
  return useMutation({
    mutationFn: (change: DataFolderChange) => client.invoke('app.changeDataFolder', { change }),
  })
}

/**
 * A call refused because only the desktop window can do it (`window_only` from web mode's HTTP policy,
 * `unavailable` from the core): its message says what to do instead.
 */
export function isUnavailable(error: unknown): error is Error {
  return isClientError(error) && (error.code === 'unavailable' || error.code === 'window_only')
}
