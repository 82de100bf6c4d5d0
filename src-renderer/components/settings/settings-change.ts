/** The settings.set input for what the user changed: only touched fields, blanks and removals as null. */

import type { CallInput } from '../../../src-preload/contract.ts'
import type { SettingEntry, SettingsView } from '../../../src-preload/contract-settings.ts'
import { FIELD_GROUPS, type FieldKey, type FieldSpec } from './setting-fields.ts'

/** undefined: untouched; null: remove from settings.json; text: the new value. */
export type Draft = string | null | undefined

/** What the input holds before the user types: the saved value (never a secret). */
export function savedText(spec: FieldSpec, entry: SettingEntry): string {
  return entry.source === 'settings file' && spec.kind !== 'secret' ? (entry.value ?? '') : ''
}

/** settings.json holds a value for it (in use, or hidden by an environment variable). */
export function isSaved(entry: SettingEntry): boolean {
  return entry.source === 'settings file' || entry.overriddenByEnv
}

const SPECS: readonly FieldSpec[] = FIELD_GROUPS.flatMap((g) => g.fields)

export function settingsChange(
  view: SettingsView,
  drafts: Partial<Record<FieldKey, Draft>>,
): CallInput<'settings.set'> {
  const change: Record<string, string | number | null> = {}
  for (const spec of SPECS) {
    const draft = drafts[spec.key]
    const entry = view.entries.find((e) => e.key === spec.key) as SettingEntry
    if (draft === undefined) continue
    // A secret is taken as typed; other values without their edge spaces.
    const text = draft === null ? '' : spec.kind === 'secret' ? draft : draft.trim()
    if (text === savedText(spec, entry) && draft !== null) continue
    if (text === '') {
      if (isSaved(entry)) change[spec.key] = null
      continue
    }
    change[spec.key] = spec.kind === 'port' ? Number(text) : text
  }
  return change as CallInput<'settings.set'>
}
