/**
 * A child process of the lock tests: takes the data lock when told, says whether it got it, and holds it
 * until told to release. Lines in: `take <data dir> <start at, epoch ms>`, `release`, `exit`. Lines out:
 * `ready`, `got`, `refused <message>`, `failed <message>`, `released`.
 */
import { createInterface } from 'node:readline'
import { acquireDataLock, type DataLock } from '../../src-main/core/data-lock.ts'
import { errorCode, errorMessage } from '../../src-main/core/errors.ts'

let lock: DataLock | undefined
const say = (line: string) => process.stdout.write(`${line}\n`)
say('ready')

for await (const line of createInterface({ input: process.stdin })) {
  const [command, dataDir, startAt] = line.split(' ')
  if (command === 'take' && dataDir) {
    // Every child starts within the same millisecond, to make the race as tight as it gets.
    while (Date.now() < Number(startAt)) {}
    try {
      lock = acquireDataLock(dataDir, 'lock test')
      say('got')
    } catch (err) {
      say(`${errorCode(err) === 'data_locked' ? 'refused' : 'failed'} ${errorMessage(err)}`)
    }
  } else if (command === 'release') {
    lock?.release()
    lock = undefined
    say('released')
  } else if (command === 'exit') {
    break
  }
}
