// The event envelope and its hash: SHA-256 over the RFC 8785 canonical JSON of all but `hash`.
import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEvent<P = unknown> {
  id: string;
  origin: string;
  originSeq: number;
  type: string;
  subject: string;
  payload: P;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** An event as stored: the payload kept as its canonical JSON text, so that the hash covers its bytes. */
export interface StoredEvent extends Omit<LedgerEvent, 'payload'> {
  position: number;
  payload: string;
}

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by their UTF-16 code units, no whitespace, strings
 * and numbers written as ECMAScript's JSON.stringify writes them (which is what JCS specifies), NaN
 * and infinities refused. Values JSON has no form for are left out of objects and are null in arrays,
 * as JSON.stringify does; `toJSON()` is honoured. Every event payload goes through it once.
 */
export function canonicalJson(value: unknown): string {
  const json = canonical(value);
  if (json === undefined) throw new TypeError('value has no JSON form');
  return json;
}

/** Text JSON.stringify writes as it is: no quote, backslash, control character or surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** A JSON string; most need no escaping, and checking is quicker than calling JSON.stringify. */
const quoted = (text: string): string => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/**
 * The object's keys in RFC 8785 order: by UTF-16 code units, which is how `<` and the default sort
 * compare strings. Most objects have a few keys, which an insertion sort orders in place, where
 * Array.prototype.sort would allocate.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function canonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
      // Number::toString, as JSON.stringify writes numbers (-0 is written 0).
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('a BigInt has no JSON form');
    default:
      // undefined, functions and symbols
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as { toJSON?: unknown } & Record<string, unknown>;
  if (typeof object.toJSON === 'function') return canonical(object.toJSON());
  if (Array.isArray(value)) {
    let json = '[';
    for (let i = 0; i < value.length; i++) json += `${i === 0 ? '' : ','}${canonical(value[i]) ?? 'null'}`;
    return `${json}]`;
  }
  const keys = sortedKeys(object);
  let json = '{';
  for (const key of keys) {
    const member = canonical(object[key]);
    if (member === undefined) continue;
    json += `${json.length === 1 ? '' : ','}${quoted(key)}:${member}`;
  }
  return `${json}}`;
}

/** A key that JavaScript orders before all others, as a number (an array index), whatever the insertion order. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

/**
 * A value's canonical JSON text, and the value as `JSON.parse` would read that text back: a copy with
 * every object's keys in canonical order, values with no JSON form left out (null in arrays), `toJSON()`
 * applied and -0 made 0. The text is then JSON.stringify's of the copy, which writes keys in insertion
 * order; an object with an array-index key (which JavaScript enumerates first, in numeric order) is
 * written by `canonicalJson` instead. The ledger writer builds each event's payload with it: the copy is
 * what the reducer is given, exactly as verify reads it from the stored text.
 */
export function canonicalForm(value: unknown): { json: string; value: unknown } {
  const state = { indexKeys: false };
  const copy = canonicalCopy(value, state);
  if (copy === undefined) throw new TypeError('value has no JSON form');
  return { json: state.indexKeys ? canonicalJson(value) : JSON.stringify(copy), value: copy };
}

function canonicalCopy(value: unknown, state: { indexKeys: boolean }): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
      return value === 0 ? 0 : value;
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('a BigInt has no JSON form');
    default:
      return undefined;
  }
  if (value === null) return null;
  const object = value as { toJSON?: unknown } & Record<string, unknown>;
  if (typeof object.toJSON === 'function') return canonicalCopy(object.toJSON(), state);
  if (Array.isArray(value)) {
    const array: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) array[i] = canonicalCopy(value[i], state) ?? null;
    return array;
  }
  const copy: Record<string, unknown> = {};
  for (const key of sortedKeys(object)) {
    const member = canonicalCopy(object[key], state);
    if (member === undefined) continue;
    if (key.length <= 10 && ARRAY_INDEX.test(key)) state.indexKeys = true;
    // JSON.parse makes `__proto__` an own property, where an assignment would set the prototype.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = member;
  }
  return copy;
}

/**
 * The hashed text of an event whose payload is already canonical JSON. Keys are written in the
 * canonical (sorted) order, so this equals `canonicalJson` of the whole envelope without its hash,
 * at a fraction of the cost: verify runs it over every event.
 */
export function hashInput(e: Omit<StoredEvent, 'hash' | 'position'>): string {
  const s = JSON.stringify;
  return (
    `{"actor":${s(e.actor)},"id":${s(e.id)},"occurredAt":${s(e.occurredAt)},"origin":${s(e.origin)},` +
    `"originSeq":${s(e.originSeq)},"payload":${e.payload},"prevHash":${s(e.prevHash)},` +
    `"recordedAt":${s(e.recordedAt)},"subject":${s(e.subject)},"type":${s(e.type)}}`
  );
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

export function eventHash(e: Omit<StoredEvent, 'hash' | 'position'>): string {
  return sha256Hex(hashInput(e));
}

/** The head of one origin's chain: the last sequence number and hash. */
export interface ChainHead {
  origin: string;
  originSeq: number;
  hash: string;
}

export type ChainBreak =
  | { kind: 'hash-mismatch'; stored: string; computed: string }
  | { kind: 'broken-link'; expectedPrevHash: string; storedPrevHash: string }
  | { kind: 'sequence-gap'; expectedSeq: number; storedSeq: number };

/** Checks one event against the head of its origin's chain; returns what is wrong, if anything. */
export function checkLink(head: ChainHead | undefined, e: Omit<StoredEvent, 'position'>): ChainBreak | null {
  const expectedSeq = (head?.originSeq ?? 0) + 1;
  if (e.originSeq !== expectedSeq) return { kind: 'sequence-gap', expectedSeq, storedSeq: e.originSeq };
  const expectedPrevHash = head?.hash ?? GENESIS_HASH;
  if (e.prevHash !== expectedPrevHash)
    return { kind: 'broken-link', expectedPrevHash, storedPrevHash: e.prevHash };
  const computed = eventHash(e);
  if (computed !== e.hash) return { kind: 'hash-mismatch', stored: e.hash, computed };
  return null;
}

export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case 'hash-mismatch':
      return `its content no longer matches its hash (stored ${b.stored}, recomputed ${b.computed}): the event was altered`;
    case 'broken-link':
      return `its prevHash ${b.storedPrevHash} does not link to the previous event's hash ${b.expectedPrevHash}`;
    case 'sequence-gap':
      return `its sequence number is ${b.storedSeq} where ${b.expectedSeq} was expected: an event is missing or was inserted`;
  }
}
