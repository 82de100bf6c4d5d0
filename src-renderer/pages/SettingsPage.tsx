/**
 * Settings: each endpoint in use with where its value comes from, the form to change them (secrets
 * encrypted, or refused where they cannot be), the theme, the data folder, the folders a browser may
 * run on, and (in the window) whether closing it keeps Medallion running in the background.
 */
import { useSettings } from '../api/settings-hooks.ts'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { BackgroundRunning } from '../components/settings/BackgroundRunning.tsx'
import { DataFolder } from '../components/settings/DataFolder.tsx'
import { InputRoots } from '../components/settings/InputRoots.tsx'
import { SecretStorageNote } from '../components/settings/SecretStorageNote.tsx'
import { SettingsForm } from '../components/settings/SettingsForm.tsx'
import { ThemePicker } from '../components/settings/ThemePicker.tsx'
import { ThemeSync } from '../components/settings/ThemeSync.tsx'
import '../components/settings/settings.css'

export function SettingsPage() {
  const settings = useSettings()
  const view = settings.data
  return (
    <div className="page settings-page" data-testid="settings-page">
      {/* Applies a theme picked here at once (App mounts it for every page too). */}
      <ThemeSync />
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      {settings.isPending ? <p className="muted">Loading…</p> : null}
      <ErrorNote error={settings.error} />
      {view && view.warnings.length > 0 ? (
        <section className="banner" data-testid="settings-warnings">
          <h2 className="banner-title">Some saved settings are not used</h2>
          <ul>
            {view.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {view ? (
        <>
          <SecretStorageNote available={view.secretStorage} />
          <SettingsForm view={view} />
          <ThemePicker theme={view.theme} />
          <DataFolder view={view} />
          <InputRoots view={view} />
          <BackgroundRunning view={view} />
        </>
      ) : null}
    </div>
  )
}
