/**
 * Where the data lives and what chose it: the flag, the environment, Settings or the default. In the
 * window a folder chosen here (or the default) can be opened, moved or swapped for another; what the flag
 * or the variable set, and anything in a browser, is read-only here, with how to change it instead.
 */
import type { SettingsView } from '../../../src-preload/contract-settings.ts'
import type { DataDirSource } from '../../../src-preload/names-app.ts'
import { useAppInfo } from '../../api/app-hooks.ts'
import { DataFolderActions } from './DataFolderActions.tsx'

const SOURCE_LABELS: Record<DataDirSource, string> = {
  flag: 'set by --data-dir',
  environment: 'set by MEDALLION_DATA_DIR',
  chosen: 'chosen in Settings',
  default: 'default',
}

/** The badge colours Settings already uses for where a value comes from. */
const SOURCE_CLASSES: Record<DataDirSource, string> = {
  flag: 'source source-environment',
  environment: 'source source-environment',
  chosen: 'source source-settings-file',
  default: 'source',
}

function SetOutside({ source }: { source: 'flag' | 'environment' }) {
  return source === 'environment' ? (
    <p className="hint">
      <code>MEDALLION_DATA_DIR</code> is set when Medallion starts, and it wins over Settings. To use another
      folder, change or unset the variable and start Medallion again.
    </p>
  ) : (
    <p className="hint">
      Medallion was started with <code>--data-dir</code>, which wins over Settings. To use another folder,
      start it with another <code>--data-dir</code>, or without it.
    </p>
  )
}

function ChosenAtServe() {
  return (
    <p className="hint" data-testid="data-folder-read-only">
      In a browser the data folder is read-only: it is chosen when <code>medallion serve</code> starts, with{' '}
      <code>--data-dir &lt;folder&gt;</code> or the <code>MEDALLION_DATA_DIR</code> variable. To work on
      another folder, stop the server and start it again with one of them.
    </p>
  )
}

export function DataFolder({ view }: { view: SettingsView }) {
  const info = useAppInfo().data
  // Until app.info answers, what settings.get knows: the folder, and whether the environment set it.
  const dataDir = info?.dataDir ?? view.dataDir
  const source: DataDirSource = info?.dataDirSource ?? (view.dataDirFromEnv ? 'environment' : 'default')
  const setOutside = source === 'flag' || source === 'environment'
  return (
    <section className="panel data-folder" data-testid="data-folder" data-source={source}>
      <h2>Data folder</h2>
      <p className="data-folder-path">
        <code className="path">{dataDir}</code>{' '}
        <span className={SOURCE_CLASSES[source]}>{SOURCE_LABELS[source]}</span>
      </p>
      <p className="hint">The sources, the lake, the run history and these settings live here.</p>
      {info && !info.desktop ? <ChosenAtServe /> : null}
      {info?.desktop && setOutside ? <SetOutside source={source} /> : null}
      {info?.desktop && !setOutside ? <DataFolderActions dataDir={dataDir} /> : null}
      <p className="hint">
        Settings are saved in <code className="path">{view.settingsFile}</code>, secrets encrypted.
      </p>
    </section>
  )
}
