/**
 * The Pipeline page's Schedules panel (issue 17): the data folder's schedules with their next run time,
 * an add form (cron with a hint, input, engine, publish and train afterwards), pause/resume, delete after
 * a confirmation, and a line saying which process runs them and whether they stop when the window closes.
 */
import { useState } from 'react'
import type { ScheduleAddArgs, ScheduleView } from '../../../src-preload/contract-schedules.ts'
import { CRON_HINT, SCHEDULE_TRAIN_MODELS } from '../../../src-preload/names-schedules.ts'
import { useAppInfo } from '../../api/app-hooks.ts'
import {
  useAddSchedule,
  usePauseSchedule,
  useRemoveSchedule,
  useResumeSchedule,
  useSchedules,
} from '../../api/schedules-hooks.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { AutomationTable } from './AutomationTable.tsx'
import { ConfirmedRemove } from './ConfirmedRemove.tsx'
import { afterText, inputText, ownerText } from './schedule-text.ts'

type InputChoice = 'sources' | 'last-import' | 'folder'
type Train = (typeof SCHEDULE_TRAIN_MODELS)[number] | ''

function AddScheduleForm() {
  const add = useAddSchedule()
  const [cron, setCron] = useState('0 7 * * *')
  const [input, setInput] = useState<InputChoice>('sources')
  const [folder, setFolder] = useState('')
  const [engine, setEngine] = useState<ScheduleAddArgs['engine']>('polars')
  const [publish, setPublish] = useState(false)
  const [train, setTrain] = useState<Train>('')
  const [catchUp, setCatchUp] = useState(false)
  const submit = () =>
    add.mutate({
      cron,
      input: input === 'folder' ? { kind: 'folder', dir: folder.trim() } : { kind: input },
      engine,
      publish,
      catchUp,
      ...(train ? { train } : {}),
    })
  return (
    <form
      className="schedule-form"
      data-testid="schedule-form"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <label className="field">
        <span>Cron</span>
        <input
          className="input"
          data-testid="schedule-cron"
          spellCheck={false}
          autoComplete="off"
          value={cron}
          onChange={(e) => setCron(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Input</span>
        <select value={input} onChange={(e) => setInput(e.target.value as InputChoice)}>
          <option value="sources">Data folder's sources</option>
          <option value="last-import">Last import</option>
          <option value="folder">A folder…</option>
        </select>
      </label>
      {input === 'folder' ? (
        <label className="field">
          <span>Folder</span>
          <input
            className="input"
            spellCheck={false}
            placeholder="/home/me/exports"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
      ) : null}
      <label className="field">
        <span>Engine</span>
        <select value={engine} onChange={(e) => setEngine(e.target.value as ScheduleAddArgs['engine'])}>
          <option value="polars">polars</option>
          <option value="spark">spark</option>
        </select>
      </label>
      <label className="field">
        <span>Then train</span>
        <select value={train} onChange={(e) => setTrain(e.target.value as Train)}>
          <option value="">nothing</option>
          {SCHEDULE_TRAIN_MODELS.map((model) => (
            <option key={model} value={model}>
              the {model}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
        <span>Publish afterwards</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={catchUp} onChange={(e) => setCatchUp(e.target.checked)} />
        <span>Catch up a missed run at start</span>
      </label>
      <button type="submit" className="button button-primary" disabled={add.isPending || cron.trim() === ''}>
        Add schedule
      </button>
      <p className="hint">
        Cron: {CRON_HINT}. Times are in the time zone of the machine Medallion runs on (shown under each
        cron).
      </p>
      <ErrorNote error={add.error} />
    </form>
  )
}

function ScheduleRow({ schedule }: { schedule: ScheduleView }) {
  const pause = usePauseSchedule()
  const resume = useResumeSchedule()
  const remove = useRemoveSchedule()
  const toggle = schedule.paused ? resume : pause
  return (
    <tr data-testid="schedule-row" data-schedule-id={schedule.id}>
      <td>
        <code>{schedule.cron}</code>
        <div className="muted">{schedule.tz}</div>
      </td>
      <td data-testid="schedule-next" className="nowrap">
        {schedule.paused ? 'paused' : schedule.nextRunAt ? fmt.dateTime(schedule.nextRunAt) : 'never'}
      </td>
      <td>{inputText(schedule)}</td>
      <td>{schedule.engine}</td>
      <td>{afterText(schedule)}</td>
      <td className="nowrap">
        <button
          type="button"
          className="button button-small"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ id: schedule.id })}
        >
          {schedule.paused ? 'Resume' : 'Pause'}
        </button>{' '}
        <ConfirmedRemove
          confirmLabel="Delete this schedule"
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ id: schedule.id })}
        />
        <ErrorNote error={toggle.error ?? remove.error} />
      </td>
    </tr>
  )
}

export function SchedulesPanel() {
  const list = useSchedules()
  const desktop = useAppInfo().data?.desktop === true
  return (
    <section className="panel" data-testid="schedules">
      <h2>Schedules</h2>
      {list.data ? (
        <p className="hint" data-testid="schedules-owner">
          {ownerText(list.data.owner, desktop)}
        </p>
      ) : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.schedules.length === 0 ? <p className="muted">No schedules yet.</p> : null}
      {list.data && list.data.schedules.length > 0 ? (
        <AutomationTable columns={['Cron', 'Next run', 'Input', 'Engine', 'Afterwards']}>
          {list.data.schedules.map((schedule) => (
            <ScheduleRow key={schedule.id} schedule={schedule} />
          ))}
        </AutomationTable>
      ) : null}
      <AddScheduleForm />
    </section>
  )
}
