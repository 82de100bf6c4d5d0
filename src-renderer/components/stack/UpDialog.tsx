/**
 * What Up will do, with its two choices: run the pipeline on MinIO and publish gold to MongoDB (on by
 * default, as `medallion up`), and the Spark profile (a Spark master and worker; off by default).
 */
import { useState } from 'react'
import { useStackUp } from '../../api/stack-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { Choice } from './Choice.tsx'
import { Dialog } from './Dialog.tsx'

export function UpDialog({ onClose }: { onClose: () => void }) {
  const [pipeline, setPipeline] = useState(true)
  const [spark, setSpark] = useState(false)
  const up = useStackUp()
  const start = () =>
    up.mutate({ pipeline, profiles: spark ? ['spark'] : [] }, { onSuccess: () => onClose() })
  return (
    <Dialog title="Start the stack" onClose={onClose} testId="up-dialog">
      <p className="hint">
        Creates the network and volumes, pulls missing images (the first time takes a few minutes), starts
        MongoDB, MinIO, MLflow and Metabase in order and waits until each is healthy. Progress shows in Tasks.
      </p>
      <fieldset className="dialog-options">
        <Choice
          type="checkbox"
          checked={pipeline}
          onChange={(e) => setPipeline(e.target.checked)}
          title="Run the pipeline and publish"
          hint="Moves this data folder to the stack (the lake on MinIO, serving from MongoDB), runs bronze → silver → gold there and publishes gold."
        />
        <Choice
          type="checkbox"
          checked={spark}
          onChange={(e) => setSpark(e.target.checked)}
          title="Spark"
          hint="Adds a Spark master and worker (the compose file’s spark profile)."
        />
      </fieldset>
      <ErrorNote error={up.error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={start} disabled={up.isPending}>
          {up.isPending ? 'Starting…' : 'Up'}
        </button>
      </div>
    </Dialog>
  )
}
