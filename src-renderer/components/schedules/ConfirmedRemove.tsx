/** A "Delete…" button that asks once more (the confirm button says what goes) before removing. */
import { useState } from 'react'

export function ConfirmedRemove(props: { confirmLabel: string; pending: boolean; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
        Delete…
      </button>
    )
  }
  return (
    <>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={props.pending}
        onClick={props.onConfirm}
      >
        {props.confirmLabel}
      </button>{' '}
      <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </>
  )
}
