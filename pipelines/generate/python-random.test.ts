import { describe, expect, it } from 'vitest'
import { pythonFloatRepr } from '../python-float.ts'
import { bitLength, PythonRandom, seedKey } from './python-random.ts'

// Every expected value below was printed by CPython 3.11 (`python3 -c "import random; ..."`).

describe('PythonRandom matches CPython random.Random', () => {
  it('random() after seed(42)', () => {
    const r = new PythonRandom(42)
    expect([r.random(), r.random(), r.random()]).toEqual([
      0.6394267984578837, 0.025010755222666936, 0.27502931836911926,
    ])
  })

  it('randint(1, 30) after seed(42)', () => {
    const r = new PythonRandom(42)
    expect(Array.from({ length: 5 }, () => r.randint(1, 30))).toEqual([21, 4, 1, 24, 9])
  })

  it('getrandbits of 1, 5, 16 and 32 bits after seed(42)', () => {
    const r = new PythonRandom(42)
    expect([r.getrandbits(1), r.getrandbits(5), r.getrandbits(16), r.getrandbits(32)]).toEqual([
      1, 3, 1639, 3184935163,
    ])
  })

  it('getrandbits wider than 32 bits, big randint and randbelow', () => {
    const r = new PythonRandom(42)
    expect([r.getrandbits(40), r.getrandbits(40)]).toEqual([123005401501, 811856239313])
    expect([r.getrandbits(53), r.getrandbits(53)]).toEqual([2205789010285143, 1256845828445918])
    expect([r.randint(0, 2 ** 40), r.randint(0, 2 ** 40), r.randint(0, 2 ** 40)]).toEqual([
      226501419177, 70531617177, 201991441006,
    ])
    expect(r.randbelow(10 ** 15)).toBe(261950994425995) // random.randrange(10**15)
  })

  it('choice over nine items after seed(42)', () => {
    const r = new PythonRandom(42)
    const seq = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
    expect(Array.from({ length: 6 }, () => r.choice(seq))).toEqual(['b', 'a', 'e', 'd', 'd', 'c'])
  })

  it('uniform(10, 500) after seed(42)', () => {
    const r = new PythonRandom(42)
    expect([r.uniform(10, 500), r.uniform(10, 500), r.uniform(10, 500)]).toEqual([
      323.31913124436306, 22.2552700591068, 144.76436600086845,
    ])
  })

  it('keeps matching deep into the stream (many twists)', () => {
    const r = new PythonRandom(42)
    for (let i = 0; i < 100_000; i++) r.random()
    expect(r.random()).toBe(0.5755863844582546)
  })

  // seed, random(), getrandbits(7), getrandbits(32), getrandbits(40), getrandbits(53), randint(1, 30),
  // randint(-5, 10**12), choice(range(9)), repr(uniform(10, 500)) — in that order, from one generator.
  const table = [
    '42 0.6394267984578837 3 3184935163 267469214295 1256845828445918 24 743469555618 8 52.60002798841391',
    '0 0.8444218515250481 97 3823568514 44756014165 8696133065399866 17 444468675040 4 484.221997510884',
    '1 0.13436424411240122 108 3445702192 71999863748 1062116443042876 16 497189547839 7 329.28055663415387',
    '4294967295 0.6353574441341173 26 924893097 573839270068 5431799145887495 11 420741886714 4 183.99175204145453',
    '4294967296 0.11299430095636409 53 4014597330 21546460955 7891146040264457 26 364051448668 8 497.4152863874261',
    '1099511627781 0.5043802970418443 34 2850991874 34040994016 6831431232582089 27 866871574814 0 91.07599801544328',
    '12345678901234567 0.09702702310935107 126 2864519531 631246174745 5066299866716369 9 359285277525 3 110.25897133636082',
    '-7 0.32383276483316237 19 1695753998 54335349840 7397381398802227 18 399836243980 0 455.7549909401201',
  ]
  it.each(table)('seeds with several 32-bit words, zero and negatives: %s', (line) => {
    const [seed = '', ...expected] = line.split(' ')
    const r = new PythonRandom(BigInt(seed))
    const got = [
      pythonFloatRepr(r.random()),
      r.getrandbits(7),
      r.getrandbits(32),
      r.getrandbits(40),
      r.getrandbits(53),
      r.randint(1, 30),
      r.randint(-5, 10 ** 12),
      r.choice([0, 1, 2, 3, 4, 5, 6, 7, 8]),
      pythonFloatRepr(r.uniform(10, 500)),
    ].map(String)
    expect(got).toEqual(expected)
  })

  it('seeds like CPython: 32-bit words of |n|, least significant first', () => {
    expect(seedKey(42)).toEqual([42])
    expect(seedKey(0)).toEqual([0])
    expect(seedKey(-7)).toEqual([7])
    expect(seedKey(2 ** 32 + 5)).toEqual([5, 1])
    expect(new PythonRandom(-7).random()).toBe(new PythonRandom(7).random())
    expect(new PythonRandom([42]).random()).toBe(new PythonRandom(42).random())
    expect(() => seedKey(1.5)).toThrow(RangeError)
  })

  it('bitLength as int.bit_length()', () => {
    expect([0, 1, 9, 10, 16, 2 ** 32 - 1, 2 ** 32, 2 ** 40].map(bitLength)).toEqual([
      0, 1, 4, 4, 5, 32, 33, 41,
    ])
  })

  it('rejects empty ranges and sequences', () => {
    const r = new PythonRandom(1)
    expect(() => r.randint(3, 2)).toThrow(RangeError)
    expect(() => r.choice([])).toThrow(RangeError)
    expect(() => r.randbelow(0)).toThrow(RangeError)
  })
})
