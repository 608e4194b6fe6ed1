import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import {
  type ChainBreak,
  type ChainHead,
  canonicalForm,
  canonicalJson,
  checkLink,
  describeBreak,
  eventHash,
  GENESIS_HASH,
  hashInput,
  type StoredEvent,
  sha256Hex,
} from './event.ts';

// The package's types describe an ES default export; at run time the CommonJS export is the function.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

type Unhashed = Omit<StoredEvent, 'hash' | 'position'>;
type Hashed = Omit<StoredEvent, 'position'>;

/** Any UTF-16 code unit, lone surrogates included: JSON must carry every string a JS string can hold. */
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const unicodeString = fc.oneof(anyString, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, -0.5, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, -1e-300),
);

/** Objects as payloads are: unicode keys and strings, negative numbers, floats, nested arrays. */
const payloadObject = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    unicodeString,
    number,
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(unicodeString, tie('value'), { maxKeys: 6 }),
})).object;

const payload = fc.oneof(payloadObject, fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }));

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const instantText = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const envelope = fc.record({
  id: fc.uuid(),
  origin: fc.stringMatching(/^[0-9a-f]{16}$/),
  originSeq: fc.integer({ min: 1, max: 2 ** 40 }),
  type: fc.oneof(
    fc.constantFrom('custody.admitted', 'person.registered', 'facility.registered'),
    unicodeString,
  ),
  subject: fc.oneof(fc.uuid(), unicodeString),
  payload: payload.map((p) => canonicalJson(p)),
  actor: unicodeString,
  occurredAt: instantText,
  recordedAt: instantText,
  prevHash: fc.oneof(fc.constant(GENESIS_HASH), hex64),
});

/** Rearranges the keys of every object in a JSON value, keeping their values. */
function permuteKeys(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeys(v, pick));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  while (keys.length > 0) {
    const [key] = keys.splice(pick(keys.length), 1) as [string];
    Object.defineProperty(out, key, {
      value: permuteKeys((value as Record<string, unknown>)[key], pick),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no spaces', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [3, { d: 1, c: 'x' }], é: null }),
      '{"a":[3,{"c":"x","d":1}],"b":1,"é":null}',
    );
  });

  it('writes numbers as ECMAScript does (RFC 8785)', () => {
    assert.equal(
      canonicalJson([-0, 1e21, 1e-7, 0.000001, 100, -1.5, 5e-324]),
      '[0,1e+21,1e-7,0.000001,100,-1.5,5e-324]',
    );
  });

  it('refuses values with no JSON form', () => {
    assert.throws(() => canonicalJson(undefined), TypeError);
    assert.throws(() => canonicalJson(Number.NaN));
    assert.throws(() => canonicalJson(Number.POSITIVE_INFINITY));
  });

  it('is invariant under any order of keys', () => {
    fc.assert(
      fc.property(payload, fc.infiniteStream(fc.nat()), (value, choices) => {
        const stream = choices[Symbol.iterator]();
        const pick = (n: number) => (stream.next().value as number) % n;
        assert.equal(canonicalJson(permuteKeys(value, pick)), canonicalJson(value));
      }),
    );
  });

  it('parses back to the same value, and is a fixed point', () => {
    fc.assert(
      fc.property(payload, (value) => {
        const json = canonicalJson(value);
        const parsed = JSON.parse(json);
        assert.deepEqual(parsed, JSON.parse(JSON.stringify(value)));
        assert.equal(canonicalJson(parsed), json);
      }),
    );
  });
});

/**
 * What JSON.stringify and canonicalJson take beyond JSON: undefined (left out of objects, null in
 * arrays), symbols, Dates (through toJSON), objects with many keys, and keys that look like indexes
 * (which objects enumerate first, in numeric order, whatever order they were added in).
 */
const looseValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    unicodeString,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(Symbol('s')),
    fc.date({ noInvalidDate: true }),
    tie('array'),
    tie('object'),
    tie('wide'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(unicodeString, fc.nat(1000).map(String)), tie('value'), { maxKeys: 8 }),
  wide: fc.dictionary(unicodeString, fc.oneof(unicodeString, number), { minKeys: 17, maxKeys: 40 }),
})).value;

describe('canonicalJson and the canonicalize package it replaced', () => {
  it('write the same text for any JSON value', () => {
    fc.assert(
      fc.property(payload, (value) => {
        assert.equal(canonicalJson(value), canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('write the same text for values with undefined, symbols, dates and many keys', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(looseValue), fc.dictionary(unicodeString, looseValue)), (value) => {
        assert.equal(canonicalJson(value), canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('order keys by UTF-16 code units, not by code points', () => {
    const value = { '\u{10000}': 1, '\uffff': 2, '10': 3, '9': 4, b: 5, B: 6 };
    assert.equal(canonicalJson(value), canonicalize(value));
    assert.equal(canonicalJson(value), '{"10":3,"9":4,"B":6,"b":5,"\u{10000}":1,"\uffff":2}');
  });
});

describe('canonicalForm', () => {
  it('gives the canonical text, and the value as JSON.parse reads that text back', () => {
    fc.assert(
      fc.property(
        fc.oneof(payload, fc.array(looseValue), fc.dictionary(unicodeString, looseValue)),
        (value) => {
          const form = canonicalForm(value);
          const json = canonicalJson(value);
          assert.equal(form.json, json);
          const parsed = JSON.parse(json);
          assert.deepEqual(form.value, parsed);
          // Keys in the same order as the parsed value's, at every level.
          assert.equal(JSON.stringify(form.value), JSON.stringify(parsed));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes index-like keys in canonical order, and -0 as 0', () => {
    const form = canonicalForm({ b: [-0, undefined], '10': 1, '9': { z: 1, a: Number.MIN_VALUE } });
    assert.equal(form.json, '{"10":1,"9":{"a":5e-324,"z":1},"b":[0,null]}');
    assert.deepEqual(form.value, { '10': 1, '9': { a: 5e-324, z: 1 }, b: [0, null] });
  });

  it('refuses values with no JSON form', () => {
    assert.throws(() => canonicalForm(undefined), TypeError);
    assert.throws(() => canonicalForm({ a: Number.NaN }), RangeError);
    assert.throws(() => canonicalForm([1n]), TypeError);
  });
});

describe('hashInput', () => {
  it('is the canonical JSON of the whole envelope without its hash', () => {
    fc.assert(
      fc.property(envelope, (e) => {
        assert.equal(hashInput(e), canonicalJson({ ...e, payload: JSON.parse(e.payload) }));
      }),
      { numRuns: 500 },
    );
  });

  it('is what the event hash is computed over', () => {
    fc.assert(
      fc.property(envelope, (e) => {
        assert.equal(eventHash(e), createHash('sha256').update(hashInput(e), 'utf8').digest('hex'));
        assert.match(eventHash(e), /^[0-9a-f]{64}$/);
      }),
    );
  });

  it('hashes the UTF-8 of the text', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });
});

/** Links events into one origin's chain: sequence numbers from 1, each prevHash the previous hash. */
function chainOf(events: readonly Unhashed[], origin: string): Hashed[] {
  const chain: Hashed[] = [];
  for (const [i, e] of events.entries()) {
    const linked = { ...e, origin, originSeq: i + 1, prevHash: chain[i - 1]?.hash ?? GENESIS_HASH };
    chain.push({ ...linked, hash: eventHash(linked) });
  }
  return chain;
}

/** Walks a chain as verify does; returns the first break and where it is. */
function walk(chain: readonly Hashed[]): { at: number; broken: ChainBreak } | null {
  let head: ChainHead | undefined;
  for (const [at, e] of chain.entries()) {
    const broken = checkLink(head, e);
    if (broken !== null) return { at, broken };
    head = { origin: e.origin, originSeq: e.originSeq, hash: e.hash };
  }
  return null;
}

const chain = fc
  .tuple(fc.array(envelope, { minLength: 1, maxLength: 8 }), fc.stringMatching(/^[0-9a-f]{16}$/))
  .map(([events, origin]) => chainOf(events, origin));

const differentString = (original: string) => unicodeString.filter((s) => s !== original);

type Field =
  | 'payload'
  | 'type'
  | 'subject'
  | 'actor'
  | 'occurredAt'
  | 'recordedAt'
  | 'id'
  | 'origin'
  | 'originSeq'
  | 'prevHash'
  | 'hash';
const fields: readonly Field[] = [
  'payload',
  'type',
  'subject',
  'actor',
  'occurredAt',
  'recordedAt',
  'id',
  'origin',
  'originSeq',
  'prevHash',
  'hash',
];

/** A changed value for one field of an event: never the value it had. */
function alteration(e: Hashed, field: Field): fc.Arbitrary<Partial<Hashed>> {
  switch (field) {
    case 'payload':
      // Change one character of the stored payload text.
      return fc
        .tuple(fc.nat({ max: e.payload.length - 1 }), fc.integer({ min: 1, max: 0xffff }))
        .map(([at, delta]) => {
          const code = (e.payload.charCodeAt(at) + delta) % 0x10000;
          return { payload: e.payload.slice(0, at) + String.fromCharCode(code) + e.payload.slice(at + 1) };
        });
    case 'occurredAt':
    case 'recordedAt':
      return instantText.filter((t) => t !== e[field]).map((t) => ({ [field]: t }));
    case 'originSeq':
      return fc
        .oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(e.originSeq - 1, e.originSeq + 1))
        .filter((n) => n !== e.originSeq)
        .map((originSeq) => ({ originSeq }));
    case 'prevHash':
    case 'hash':
      return fc
        .oneof(fc.constant(GENESIS_HASH), hex64)
        .filter((h) => h !== e[field])
        .map((h) => ({ [field]: h }));
    default:
      return differentString(e[field]).map((s) => ({ [field]: s }));
  }
}

describe('the hash chain', () => {
  it('accepts every event of an intact chain, in order', () => {
    fc.assert(
      fc.property(chain, (events) => {
        assert.equal(walk(events), null);
      }),
    );
  });

  it('reports a break at the event whose field was altered, and nowhere before it', () => {
    fc.assert(
      fc.property(
        chain
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.nat({ max: events.length - 1 }), fc.constantFrom(...fields)),
          )
          .chain(([events, at, field]) =>
            fc.tuple(
              fc.constant(events),
              fc.constant(at),
              fc.constant(field),
              alteration(events[at]!, field),
            ),
          ),
        ([events, at, field, change]) => {
          const original = events[at]!;
          const altered = { ...original, ...change };
          const tampered = events.map((e, i) => (i === at ? altered : e));
          const found = walk(tampered);
          assert.ok(found !== null, `altering ${field} of event ${at} went unnoticed`);
          assert.equal(found.at, at);
          const broken = found.broken;
          switch (field) {
            case 'originSeq':
              assert.deepEqual(broken, {
                kind: 'sequence-gap',
                expectedSeq: at + 1,
                storedSeq: altered.originSeq,
              });
              break;
            case 'prevHash':
              assert.deepEqual(broken, {
                kind: 'broken-link',
                expectedPrevHash: original.prevHash,
                storedPrevHash: altered.prevHash,
              });
              break;
            case 'hash':
              assert.deepEqual(broken, {
                kind: 'hash-mismatch',
                stored: altered.hash,
                computed: original.hash,
              });
              break;
            default:
              assert.deepEqual(broken, {
                kind: 'hash-mismatch',
                stored: original.hash,
                computed: eventHash(altered),
              });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports a removed event as a sequence gap at the event after it', () => {
    fc.assert(
      fc.property(
        chain
          .filter((events) => events.length >= 2)
          .chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length - 2 }))),
        ([events, removed]) => {
          const found = walk(events.filter((_, i) => i !== removed));
          assert.deepEqual(found, {
            at: removed,
            broken: { kind: 'sequence-gap', expectedSeq: removed + 1, storedSeq: removed + 2 },
          });
        },
      ),
    );
  });

  it('reports a rewritten event as a broken link at the event after it, even with a fresh hash', () => {
    fc.assert(
      fc.property(
        chain
          .filter((events) => events.length >= 2)
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.nat({ max: events.length - 2 }), fc.jsonValue()),
          ),
        ([events, at, forged]) => {
          const original = events[at]!;
          const rewritten = { ...original, payload: canonicalJson({ forged }) };
          const resealed = { ...rewritten, hash: eventHash(rewritten) };
          const found = walk(events.map((e, i) => (i === at ? resealed : e)));
          assert.deepEqual(found, {
            at: at + 1,
            broken: { kind: 'broken-link', expectedPrevHash: resealed.hash, storedPrevHash: original.hash },
          });
        },
      ),
    );
  });

  it('needs the first event of a chain to be number 1 and to link to the genesis hash', () => {
    const [first] = chainOf(
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          origin: 'x',
          originSeq: 0,
          type: 'facility.registered',
          subject: 's',
          payload: '{}',
          actor: 'a',
          occurredAt: '2019-10-13T08:00:00.000Z',
          recordedAt: '2019-10-13T08:00:00.000Z',
          prevHash: '',
        },
      ],
      '0123456789abcdef',
    ) as [Hashed];
    assert.equal(checkLink(undefined, first), null);
    assert.equal(checkLink(undefined, { ...first, originSeq: 2 })?.kind, 'sequence-gap');
    const linkedElsewhere = { ...first, prevHash: 'f'.repeat(64) };
    assert.equal(
      checkLink(undefined, { ...linkedElsewhere, hash: eventHash(linkedElsewhere) })?.kind,
      'broken-link',
    );
  });
});

describe('describeBreak', () => {
  it('says that an event was altered, with both hashes', () => {
    const text = describeBreak({ kind: 'hash-mismatch', stored: 'a'.repeat(64), computed: 'b'.repeat(64) });
    assert.match(text, /altered/);
    assert.ok(text.includes('a'.repeat(64)) && text.includes('b'.repeat(64)), text);
  });

  it('says that the link to the previous event is broken, with both hashes', () => {
    const text = describeBreak({
      kind: 'broken-link',
      expectedPrevHash: 'c'.repeat(64),
      storedPrevHash: 'd'.repeat(64),
    });
    assert.match(text, /does not link to the previous event/);
    assert.ok(text.includes('c'.repeat(64)) && text.includes('d'.repeat(64)), text);
  });

  it('says that an event is missing or inserted, with both sequence numbers', () => {
    const text = describeBreak({ kind: 'sequence-gap', expectedSeq: 41, storedSeq: 43 });
    assert.match(text, /missing or was inserted/);
    assert.match(text, /43 where 41 was expected/);
  });
});
