/** The theme, saved and applied as soon as it is picked. */
import { useState } from 'react'
import type { Theme } from '../../../src-preload/contract-settings.ts'
import { useSaveSettings } from '../../api/settings-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { type ChoiceOption, RadioChoices } from '../stack/Choice.tsx'

const THEME_CHOICES: readonly ChoiceOption<Theme>[] = [
  { value: 'system', title: 'System', hint: 'Follows the light or dark setting of the OS.' },
  { value: 'light', title: 'Light' },
  { value: 'dark', title: 'Dark' },
]

export function ThemePicker({ theme }: { theme: Theme }) {
  const save = useSaveSettings()
  // The pick shows at once; the saved theme takes over when the answer arrives (the old one on a failure).
  const [picked, setPicked] = useState<Theme | null>(null)
  const shown = picked ?? theme
  const pick = (next: Theme) => {
    setPicked(next)
    save.mutate({ theme: next }, { onSettled: () => setPicked(null) })
  }
  return (
    <section className="panel">
      <h2>Theme</h2>
      <div className="theme-choices" role="radiogroup" aria-label="Theme">
        <RadioChoices name="theme" options={THEME_CHOICES} value={shown} onChange={pick} />
      </div>
      <p className="hint">Applies at once, and is saved for the next time Medallion opens.</p>
      <ErrorNote error={save.error} />
    </section>
  )
}
