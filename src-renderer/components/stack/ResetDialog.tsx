/**
 * Reset, in three widening scopes. The dialog lists exactly what the chosen scope deletes now (read from
 * the engine and the data folder), and deletes only after an explicit confirmation.
 */
import { useState } from 'react'
import type { ResetScope, ResetStep } from '../../../src-preload/contract.ts'
import { useResetPreview, useStackReset } from '../../api/stack-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { RadioChoices } from './Choice.tsx'
import { Dialog } from './Dialog.tsx'
import { ITEM_KINDS, itemCount, SCOPE_CHOICES } from './stack-format.ts'

function PreviewList({ steps }: { steps: readonly ResetStep[] }) {
  if (itemCount(steps) === 0) {
    return <p className="muted">Nothing to delete for this scope: no container, volume or folder is there.</p>
  }
  return (
    <ul className="reset-preview" data-testid="reset-preview">
      {steps.flatMap((step) =>
        step.items.map((item) => (
          <li key={`${item.kind}:${item.name}`} data-kind={item.kind}>
            <span className="reset-kind">{ITEM_KINDS[item.kind]}</span>
            <code>{item.name}</code>
          </li>
        )),
      )}
    </ul>
  )
}

export function ResetDialog({ onClose }: { onClose: () => void }) {
  const [scope, setScope] = useState<ResetScope>('containers')
  const [confirmed, setConfirmed] = useState(false)
  const preview = useResetPreview(scope, true)
  const reset = useStackReset()
  const count = preview.data ? itemCount(preview.data) : 0
  const choose = (next: ResetScope) => {
    setScope(next)
    // A confirmation was for the list shown before; a new list needs its own.
    setConfirmed(false)
  }
  return (
    <Dialog title="Reset the stack" onClose={onClose} testId="reset-dialog">
      <fieldset className="dialog-options scope-choices">
        <legend>What to delete</legend>
        <RadioChoices name="reset-scope" options={SCOPE_CHOICES} value={scope} onChange={choose} />
      </fieldset>
      <h3 className="dialog-subhead">This deletes</h3>
      {preview.isFetching && !preview.data ? <p className="muted">Looking at what is there…</p> : null}
      <ErrorNote error={preview.error} />
      {preview.data ? <PreviewList steps={preview.data} /> : null}
      {/* Nothing listed (no engine, or nothing there): nothing to confirm, no "Delete 0 items". */}
      {count > 0 ? (
        <label className="check confirm-check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <span>I understand that the {count === 1 ? 'item' : `${count} items`} above will be deleted.</span>
        </label>
      ) : null}
      <ErrorNote error={reset.error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {count > 0 ? 'Cancel' : 'Close'}
        </button>
        {count > 0 ? (
          <button
            type="button"
            className="button button-danger"
            disabled={!confirmed || reset.isPending}
            onClick={() => reset.mutate(scope, { onSuccess: () => onClose() })}
          >
            {reset.isPending ? 'Deleting…' : `Delete ${count} ${count === 1 ? 'item' : 'items'}`}
          </button>
        ) : null}
      </div>
    </Dialog>
  )
}
