// The event envelope and its hash: SHA-256 over the RFC 8785 canonical JSON of all but `hash`.
import { hash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package's types describe an ES default export; at run time the CommonJS export is the function.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

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

export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('value has no JSON form');
  return json;
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
