/**
 * The window's "keep running in the background": closing the window then leaves Medallion in the tray, its
 * schedules and watched folders going on. Read when Medallion starts (the Pipeline page says who runs the
 * schedules from what was read then), so a change waits for the next start. Only the window has it: a
 * browser's server runs until it is stopped.
 */
import { useState } from 'react'
import type { SettingsView } from '../../../src-preload/contract-settings.ts'
import { useAppInfo } from '../../api/app-hooks.ts'
import { useSaveSettings } from '../../api/settings-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'

export function BackgroundRunning({ view }: { view: SettingsView }) {
  const desktop = useAppInfo().data?.desktop === true
  const save = useSaveSettings()
  // The tick shows at once; the saved value takes over when the answer arrives (the old one on a failure).
  const [ticked, setTicked] = useState<boolean | null>(null)
  if (!desktop) return null
  const { pendingRestart } = view.keepRunningInBackground
  const saved = ticked ?? view.keepRunningInBackground.saved
  const choose = (keep: boolean) => {
    setTicked(keep)
    save.mutate({ keepRunningInBackground: keep ? true : null }, { onSettled: () => setTicked(null) })
  }
  return (
    <section className="panel" data-testid="background-running">
      <h2>When the window closes</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={saved}
          disabled={save.isPending}
          onChange={(event) => choose(event.target.checked)}
        />
        Keep running in the background (a tray icon), so schedules and watched folders go on
      </label>
      <p className="hint">
        {saved
          ? 'Closing the window leaves Medallion in the tray; quit it from the tray icon.'
          : 'Closing the window quits Medallion: its schedules and watched folders stop until it opens again.'}
      </p>
      {pendingRestart ? (
        <output className="hint restart-note" data-testid="background-restart-note">
          Saved: applies at the next start of Medallion.
        </output>
      ) : null}
      <ErrorNote error={save.error} />
    </section>
  )
}
