/**
 * The one place that turns a failed call into words for people: a plain sentence and the next step by
 * error code, the core's own message kept as what happened, and the technical detail (code, call name,
 * raw message) for the disclosure. The core's messages read `<call>: <what happened>`.
 */
import { isClientError } from '../../api/client.ts'

export interface ExplainedError {
  /** What went wrong, in one plain sentence. */
  sentence: string
  /** What to do about it; empty when the core's own message already says it. */
  next: string
  /** The core's message without the call name, when `sentence` is ours (it often names the file or field). */
  said: string
  code: string | undefined
  call: string | undefined
  raw: string
}

interface Words {
  sentence: string
  next?: string
  /** The core's message is a technical dump (e.g. every engine address tried): only in the disclosure. */
  dump?: true
}

/** Codes whose message from the core is raw or technical, in people's words. Others show the message. */
const WORDS: Readonly<Record<string, Words>> = {
  invalid_input: {
    sentence: 'Some values were not accepted.',
    next: 'Correct the field named below and try again.',
  },
  unreachable: {
    sentence: 'The Medallion server does not answer.',
    next: 'Check that `medallion serve` is still running; this page reconnects by itself.',
  },
  unauthorized: {
    sentence: 'This page is not signed in to the Medallion server.',
    next: 'Open the URL that `medallion serve` printed when it started.',
  },
  no_client: {
    sentence: 'Medallion is not connected.',
    next: 'Open it from its window, or from `medallion serve`.',
  },
  window_only: { sentence: 'This can only be done in the desktop window.' },
  busy: {
    sentence: 'Medallion is busy with another task.',
    next: 'Wait for it to finish (see Tasks), then try again.',
  },
  no_engine: {
    sentence: 'No container engine was found.',
    next: 'Install Docker or Podman (or point `DOCKER_HOST` at a running engine) and start it, then open this page again.',
    dump: true,
  },
  store_unreachable: {
    sentence: 'The serving store does not answer.',
    next: 'Start it (the Stack page), or check its address in Settings.',
  },
  store_auth: {
    sentence: 'The serving store refused the credentials.',
    next: 'Check the MongoDB user in Settings.',
  },
  not_published: { sentence: 'Nothing is published yet.', next: 'Run the pipeline, then publish it.' },
  no_gold: { sentence: 'No successful run yet.', next: 'Run the pipeline from the Pipeline page.' },
  lake_unreachable: {
    sentence: 'The lake does not answer.',
    next: 'Start MinIO (the Stack page) or check Settings.',
  },
  lake_access_denied: {
    sentence: 'The lake refused the credentials.',
    next: 'Check the MinIO keys in Settings.',
  },
  settings_unreadable: { sentence: 'The settings file cannot be read.' },
  worker_crashed: {
    sentence: 'The run stopped unexpectedly.',
    next: 'Try again; if it repeats, export diagnostics.',
  },
  bad_envelope: {
    sentence: 'The server gave an answer this page does not understand.',
    next: 'Reload the page.',
  },
}

const CALL_PREFIX = /^([a-z][A-Za-z]*\.[a-z][A-Za-z]*): ([\s\S]*)$/

function splitCall(message: string): { call: string | undefined; said: string } {
  const match = CALL_PREFIX.exec(message)
  return match ? { call: match[1], said: match[2] as string } : { call: undefined, said: message }
}

export function explainError(error: unknown): ExplainedError {
  const raw = error instanceof Error ? error.message : String(error)
  const code = isClientError(error) ? error.code : undefined
  const { call, said } = splitCall(raw)
  const words = code ? WORDS[code] : undefined
  return {
    // Without words of our own, the core's message (written for people) is the sentence.
    sentence: words?.sentence ?? said,
    next: words?.next ?? '',
    said: words && !words.dump ? said : '',
    code,
    call,
    raw,
  }
}

/** The connection bar speaks for these once, instead of every panel repeating them. */
export function isConnectionError(error: unknown): boolean {
  return isClientError(error) && (error.code === 'unreachable' || error.code === 'unauthorized')
}

/**
 * An `invalid_input` error's problems per field: `settings.set: mongoUrl: Invalid URL; apiPort: …` →
 * `{ mongoUrl: 'Invalid URL', apiPort: '…' }` (the zod issue paths the dispatcher writes).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isClientError(error) || error.code !== 'invalid_input') return {}
  const fields: Record<string, string> = {}
  for (const issue of splitCall(error.message).said.split('; ')) {
    const at = issue.indexOf(': ')
    if (at <= 0) continue
    const path = issue.slice(0, at)
    if (path !== '(input)')
      fields[path] = fields[path] ? `${fields[path]}; ${issue.slice(at + 2)}` : issue.slice(at + 2)
  }
  return fields
}
