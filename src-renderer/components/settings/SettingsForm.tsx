/**
 * The endpoint settings by group, saved together. What is saved applies at the next start of Medallion,
 * the same for every service (MongoDB, the lake, MLflow, Spark, the port): the core reads them once when
 * it starts (Up and Down still move the lake and the store to the stack while it runs).
 */
import { useEffect, useState } from 'react'
import type { SettingsView } from '../../../src-preload/contract-settings.ts'
import { useSaveSettings } from '../../api/settings-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { fieldErrors } from '../errors/error-explain.ts'
import { SettingField } from './SettingField.tsx'
import { FIELD_GROUPS, type FieldKey } from './setting-fields.ts'
import { type Draft, settingsChange } from './settings-change.ts'

export function SettingsForm({ view }: { view: SettingsView }) {
  const [drafts, setDrafts] = useState<Partial<Record<FieldKey, Draft>>>({})
  const save = useSaveSettings()
  const change = settingsChange(view, drafts)
  const changed = Object.keys(change).length
  const pending = view.entries.filter((e) => e.pendingRestart).length
  // A refused value is said next to its field, which takes the focus (the form's end may be far below).
  const invalid = fieldErrors(save.error)
  const firstInvalid = FIELD_GROUPS.flatMap((g) => g.fields).find((spec) => invalid[spec.key])?.key
  useEffect(() => {
    if (!firstInvalid) return
    const input = document.getElementById(`setting-${firstInvalid}`)
    input?.scrollIntoView({ block: 'center' })
    input?.focus({ preventScroll: true })
  }, [firstInvalid])
  const submit = () =>
    save.mutate(change, {
      // The answer holds the saved values: the inputs show them from there.
      onSuccess: () => setDrafts({}),
    })
  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (changed > 0) submit()
      }}
    >
      <p className="hint">
        Order of precedence: environment variables, then these settings, then the stack this data folder is
        connected to, then the defaults. Every endpoint, credential and the port is read once when Medallion
        starts, the same for MongoDB, the lake, MLflow and Spark:{' '}
        <strong>a saved change applies at the next start</strong> (restart the app, or{' '}
        <code>medallion serve</code>). User names and passwords are never shown inside a URL.
      </p>
      {FIELD_GROUPS.map((group) => (
        <fieldset key={group.title} className="panel settings-group">
          <legend>{group.title}</legend>
          <p className="hint">{group.what}</p>
          {group.fields.map((spec) => {
            const entry = view.entries.find((e) => e.key === spec.key)
            return entry ? (
              <SettingField
                key={spec.key}
                spec={spec}
                entry={entry}
                draft={drafts[spec.key]}
                error={invalid[spec.key]}
                secretStorage={view.secretStorage}
                onDraft={(draft) => setDrafts((old) => ({ ...old, [spec.key]: draft }))}
              />
            ) : null
          })}
        </fieldset>
      ))}
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={changed === 0 || save.isPending}>
          {save.isPending
            ? 'Saving…'
            : changed > 0
              ? `Save ${changed} ${changed === 1 ? 'change' : 'changes'}`
              : 'Save'}
        </button>
        <button
          type="button"
          className="button"
          disabled={changed === 0 || save.isPending}
          onClick={() => setDrafts({})}
        >
          Discard
        </button>
        {pending > 0 ? (
          <output className="hint restart-note" data-testid="restart-note">
            {pending === 1 ? 'One saved change applies' : `${pending} saved changes apply`} at the next start
            of Medallion: restart the app (or <code>medallion serve</code>) to use{' '}
            {pending === 1 ? 'it' : 'them'}.
          </output>
        ) : null}
      </div>
      {save.data?.notes?.map((note) => (
        <output key={note} className="note note-help" data-testid="settings-note">
          {note}
        </output>
      ))}
      {firstInvalid ? null : <ErrorNote error={save.error} />}
    </form>
  )
}
