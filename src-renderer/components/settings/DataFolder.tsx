/** Where the data lives (read-only here), how to move it, and the files settings are kept in. */
import type { SettingsView } from '../../../src-preload/contract-settings.ts'

export function DataFolder({ view }: { view: SettingsView }) {
  return (
    <section className="panel" data-testid="data-folder">
      <h2>Data folder</h2>
      <p>
        <code className="path">{view.dataDir}</code>{' '}
        <span className="badge">{view.dataDirFromEnv ? 'MEDALLION_DATA_DIR' : 'default'}</span>
      </p>
      <p className="hint">
        The lake, the sources, the run history and these settings live here. To use another folder, set{' '}
        <code>MEDALLION_DATA_DIR</code> (or pass <code>--data-dir</code> to the <code>medallion</code>{' '}
        command) and start Medallion again; nothing is moved, so copy the folder first to keep its runs.
      </p>
      <p className="hint">
        Settings are saved in <code className="path">{view.settingsFile}</code>, secrets encrypted.
      </p>
    </section>
  )
}
