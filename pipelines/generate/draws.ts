/**
 * The seeded draws, straight into typed arrays (one slot per row, no per-row objects): tens of millions of
 * purchases must fit in memory and be drawn in about a second.
 */

import { pyRound } from '../python-float.ts'
import { SECONDS_PER_DAY } from './dates.ts'
import {
  COUNTRIES,
  EMAIL_DOMAINS,
  EMAIL_NUMBER_RANGE,
  EMAIL_STYLES,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCTS,
} from './domain.ts'
import type { PythonRandom } from './python-random.ts'

/** The four columns the original drew from Python's global RNG (spec §1.3), in its consumption order. */
export interface OriginalDraws {
  /** Index into COUNTRIES, per client (client id = index + 1). */
  country: Uint8Array
  /** Number of purchases per client. */
  purchaseCount: Int32Array
  /** Total purchases (the used length of the per-purchase arrays below). */
  purchases: number
  /** Client id per purchase, in id_achat order. */
  clientId: Int32Array
  /** Python round(uniform(10, 500), 2) per purchase. */
  amount: Float64Array
  /** Index into PRODUCTS, per purchase. */
  product: Uint8Array
}

/** The columns the original took from Faker, drawn from our own RNG instead. */
export interface OwnDraws {
  firstName: Uint8Array
  lastName: Uint8Array
  emailStyle: Uint8Array
  /** 0 = no suffix, else the number appended to the address's local part. */
  emailNumber: Uint8Array
  emailDomain: Uint8Array
  /** Registration date, as days since the epoch. */
  registrationDay: Int32Array
  /** Purchase time, as whole seconds before the reference instant (0 = the reference itself). */
  secondsBeforeReference: Int32Array
}

export type Progress = (fraction: number) => void

/**
 * Replays the original's global-RNG order: one choice(countries) per client, then per client one
 * randint(1, maxPerClient) followed by uniform(10, 500) and choice(products) for each purchase.
 */
export function drawOriginalColumns(
  rng: PythonRandom,
  clients: number,
  maxPerClient: number,
  progress: Progress = () => {},
): OriginalDraws {
  const country = new Uint8Array(clients)
  for (let i = 0; i < clients; i++) country[i] = rng.randbelow(COUNTRIES.length)

  const purchaseCount = new Int32Array(clients)
  // Start near the expected total and grow geometrically: the exact total is only known at the end.
  let capacity = Math.max(1024, Math.ceil(clients * ((maxPerClient + 1) / 2) * 1.02) + 4 * maxPerClient)
  let clientId = new Int32Array(capacity)
  let amount = new Float64Array(capacity)
  let product = new Uint8Array(capacity)
  let n = 0
  const progressEvery = Math.max(1, Math.floor(clients / 50))
  for (let c = 0; c < clients; c++) {
    const count = rng.randint(1, maxPerClient)
    purchaseCount[c] = count
    if (n + count > capacity) {
      capacity = Math.max(n + count, Math.ceil(capacity * 1.5))
      clientId = grow(clientId, new Int32Array(capacity))
      amount = grow(amount, new Float64Array(capacity))
      product = grow(product, new Uint8Array(capacity))
    }
    clientId.fill(c + 1, n, n + count)
    for (let k = 0; k < count; k++, n++) {
      amount[n] = pyRound(rng.uniform(10, 500), 2)
      product[n] = rng.randbelow(PRODUCTS.length)
    }
    if (c % progressEvery === 0) progress(c / clients)
  }
  progress(1)
  return { country, purchaseCount, purchases: n, clientId, amount, product }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never)
  return to
}

export interface OwnDrawBounds {
  /** The reference instant, seconds since the epoch. */
  referenceSecond: number
  /** First and last possible registration days (inclusive). */
  firstRegistrationDay: number
  lastRegistrationDay: number
  /** Purchases fall within this many seconds before the reference (the original's 365-day window). */
  purchaseWindowSeconds: number
}

/**
 * Names, e-mails and dates. Registration is drawn first so that each purchase can be drawn after it:
 * uniform between max(registration, reference − window) and the reference, both ends included.
 */
export function drawOwnColumns(
  rng: PythonRandom,
  original: OriginalDraws,
  bounds: OwnDrawBounds,
  progress: Progress = () => {},
): OwnDraws {
  const clients = original.country.length
  const firstName = new Uint8Array(clients)
  const lastName = new Uint8Array(clients)
  const emailStyle = new Uint8Array(clients)
  const emailNumber = new Uint8Array(clients)
  const emailDomain = new Uint8Array(clients)
  const registrationDay = new Int32Array(clients)
  for (let c = 0; c < clients; c++) {
    firstName[c] = rng.randbelow(FIRST_NAMES.length)
    lastName[c] = rng.randbelow(LAST_NAMES.length)
    emailStyle[c] = rng.randbelow(EMAIL_STYLES)
    emailNumber[c] = rng.randbelow(EMAIL_NUMBER_RANGE)
    emailDomain[c] = rng.randbelow(EMAIL_DOMAINS.length)
    registrationDay[c] = rng.randint(bounds.firstRegistrationDay, bounds.lastRegistrationDay)
  }

  const { purchases, clientId } = original
  const secondsBeforeReference = new Int32Array(purchases)
  const progressEvery = Math.max(1, Math.floor(purchases / 50))
  for (let i = 0; i < purchases; i++) {
    const reg = registrationDay[(clientId[i] as number) - 1] as number
    const span = maxSecondsBeforeReference(reg, bounds)
    secondsBeforeReference[i] = rng.randbelow(span + 1)
    if (i % progressEvery === 0) progress(i / purchases)
  }
  progress(1)
  return {
    firstName,
    lastName,
    emailStyle,
    emailNumber,
    emailDomain,
    registrationDay,
    secondsBeforeReference,
  }
}

/** How far before the reference a purchase by a client registered on `registrationDay` may be. */
export function maxSecondsBeforeReference(registrationDay: number, bounds: OwnDrawBounds): number {
  const sinceRegistration = bounds.referenceSecond - registrationDay * SECONDS_PER_DAY
  return Math.min(sinceRegistration, bounds.purchaseWindowSeconds)
}
