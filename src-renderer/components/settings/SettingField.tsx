/**
 * One setting: its input, the value in use with where it comes from (environment, settings file, stack,
 * default), a Remove for a saved value, and what to do when the environment overrides it or a secret
 * cannot be saved here.
 */
import type { SettingEntry } from '../../../src-preload/contract-settings.ts'
import { type FieldSpec, SOURCE_LABELS } from './setting-fields.ts'
import { type Draft, isSaved, savedText } from './settings-change.ts'

export function SettingField({
  spec,
  entry,
  draft,
  error,
  secretStorage,
  onDraft,
}: {
  spec: FieldSpec
  entry: SettingEntry
  draft: Draft
  /** Why the last save refused this field's value. */
  error?: string | undefined
  secretStorage: boolean
  onDraft: (draft: Draft) => void
}) {
  const id = `setting-${spec.key}`
  const removing = draft === null
  const secretSaved = spec.kind === 'secret' && isSaved(entry)
  return (
    <div className="setting-row" data-testid={id} data-source={entry.source}>
      <label htmlFor={id} className="setting-label">
        <span>{spec.label}</span>
        <span className="hint">{spec.hint}</span>
      </label>
      <div className="setting-input">
        <input
          id={id}
          className="input"
          type={spec.kind === 'secret' ? 'password' : spec.kind === 'port' ? 'number' : 'text'}
          autoComplete={spec.kind === 'secret' ? 'new-password' : 'off'}
          spellCheck={false}
          min={spec.kind === 'port' ? 0 : undefined}
          max={spec.kind === 'port' ? 65_535 : undefined}
          value={removing ? '' : (draft ?? savedText(spec, entry))}
          placeholder={secretSaved ? 'saved, encrypted — type to replace' : spec.placeholder}
          onChange={(e) => onDraft(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {isSaved(entry) ? (
          <button
            type="button"
            className="button button-small"
            aria-pressed={removing}
            onClick={() => onDraft(removing ? undefined : null)}
            title="Remove it from the settings file: the environment, the stack or the default applies again"
          >
            {removing ? 'Keep' : 'Remove'}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="field-error setting-note" id={`${id}-error`} data-testid="field-error">
          {spec.label}: {error}
        </p>
      ) : null}
      <div className="setting-meta">
        <span>In use:</span> <code className="setting-value">{entry.value ?? '—'}</code>
        <span className={`source source-${entry.source.replace(' ', '-')}`}>
          {SOURCE_LABELS[entry.source]}
        </span>
        {entry.envVar ? <code className="setting-env">{entry.envVar}</code> : null}
        {entry.pendingRestart ? <span className="badge badge-running">applies at next start</span> : null}
        {removing ? <span className="badge badge-failed">removed on save</span> : null}
      </div>
      {entry.source === 'environment' ? (
        <p className="hint setting-note">
          <code>{entry.envVar}</code> is set in the environment and wins over this setting: unset it to use
          the saved value.
        </p>
      ) : null}
      {spec.kind === 'secret' && !secretStorage ? (
        <p className="hint setting-note">
          Secrets can be saved only from the desktop app, which encrypts them with the system keychain. Here,
          set <code>{entry.envVar}</code> in the environment instead.
        </p>
      ) : null}
    </div>
  )
}
