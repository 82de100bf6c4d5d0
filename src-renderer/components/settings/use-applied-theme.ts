/**
 * Puts the chosen theme on <html data-theme>, which styles.css reads: "light" and "dark" force one,
 * "system" removes the attribute so the OS preference decides.
 */
import { useEffect } from 'react'
import type { Theme } from '../../../src-preload/contract-settings.ts'

export function useAppliedTheme(theme: Theme | undefined): void {
  useEffect(() => {
    if (!theme) return
    const root = document.documentElement
    if (theme === 'system') delete root.dataset.theme
    else root.dataset.theme = theme
  }, [theme])
}
