/** Applies the saved theme to the whole window; renders nothing. Mount it once, high in the tree. */
import { useSettings } from '../../api/settings-hooks.ts'
import { useAppliedTheme } from './use-applied-theme.ts'

export function ThemeSync() {
  const settings = useSettings()
  useAppliedTheme(settings.data?.theme)
  return null
}
