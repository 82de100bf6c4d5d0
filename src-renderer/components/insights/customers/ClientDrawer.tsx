/**
 * One client in detail (`data.client`: who they are, the last 12 months, all time, their scores), in a
 * modal side panel: a native <dialog>, so focus stays inside, Escape closes it and the page behind is inert.
 */
import { useEffect, useRef } from 'react'
import { useClientDetail } from '../../../api/insights-hooks.ts'
import { QueryBody } from '../QueryBody.tsx'
import { textOf } from '../row-values.ts'
import { ClientSections } from './ClientSections.tsx'
import { SegmentBadge } from './SegmentBadge.tsx'

export function ClientDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const detail = useClientDetail(id)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  const dim = detail.data?.dim
  const segment = textOf(detail.data?.scores, 'segment_label')
  return (
    <dialog
      ref={dialog}
      className="client-drawer"
      aria-labelledby="client-drawer-title"
      data-testid="client-drawer"
      data-client={id}
      onClose={onClose}
    >
      <div className="client-drawer-head">
        <div>
          <h2 id="client-drawer-title">Client #{id}</h2>
          {dim ? (
            <p className="muted client-drawer-who">
              {[textOf(dim, 'nom'), textOf(dim, 'email'), textOf(dim, 'pays')].filter(Boolean).join(' · ')}
            </p>
          ) : null}
          {segment ? <SegmentBadge segment={segment} /> : null}
        </div>
        {/* biome-ignore lint/a11y/noAutofocus: a modal puts focus on its first control */}
        <button type="button" className="button button-small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <QueryBody
        query={detail}
        empty={!detail.data}
        emptyText="Nothing is published any more: run the pipeline, then open the client again."
      >
        {detail.data ? <ClientSections detail={detail.data} /> : null}
      </QueryBody>
    </dialog>
  )
}
