/**
 * Importing files over the contract: the preview of a folder or an upload (re-queried when the dialect
 * changes), and the window's own ways to choose files (a dialog, a drop), which a browser does not have.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import type { CallInput } from '../../src-preload/contract.ts'
import { useClient } from './hooks.ts'

/** What to preview: a folder the window chose, or an upload's import id. */
export type PreviewSource = { inputDir: string } | { importId: string }
/** What was chosen: the files to preview, and the user's own folder when there is one to watch. */
export interface ChosenFiles {
  source: PreviewSource
  ownFolder?: string
}
export type DialectInput = NonNullable<CallInput<'sources.preview'>['dialect']>

export function useSourcesPreview(source: PreviewSource | null, dialect: DialectInput) {
  const client = useClient()
  return useQuery({
    queryKey: ['sources.preview', source, dialect] as const,
    queryFn: () => client.invoke('sources.preview', { ...(source as PreviewSource), dialect }),
    enabled: source !== null,
    // The files do not change under the preview; a new dialect is a new key.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
}

/** The window's dialog: a folder, or the two files. */
export function useImportChoose() {
  const client = useClient()
  return useMutation({
    mutationFn: (pick: 'folder' | 'files') => client.invoke('app.importChoose', { pick }),
  })
}

/** Files dropped on the window: main checks the paths the preload read from them. */
export function useImportDropped() {
  const client = useClient()
  return useMutation({ mutationFn: (paths: string[]) => client.invoke('app.importDropped', { paths }) })
}
