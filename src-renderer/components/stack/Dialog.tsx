/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and the page
 * behind is inert. It is shown while mounted; the parent unmounts it to close.
 */
import { type ReactNode, useEffect, useRef } from 'react'

export function Dialog({
  title,
  onClose,
  children,
  testId,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="dialog-title"
      data-testid={testId}
      onCancel={(event) => {
        // Escape: let React unmount it rather than the browser closing it under React's feet.
        event.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="button button-small" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}
