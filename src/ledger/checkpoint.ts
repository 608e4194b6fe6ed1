// Signed checkpoints: a node's Ed25519 signature over the head of its chain at a moment.
import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './event.ts';
import type { NodeKey } from './node-key.ts';

export interface Checkpoint {
  origin: string;
  originSeq: number;
  headHash: string;
  signedAt: string;
  /** Base64 Ed25519 signature over the canonical JSON of the four fields above. */
  signature: string;
}

const signedText = (c: Omit<Checkpoint, 'signature'>): Buffer =>
  Buffer.from(
    canonicalJson({ headHash: c.headHash, origin: c.origin, originSeq: c.originSeq, signedAt: c.signedAt }),
  );

/**
 * Signs the head of a chain of this node: its ledger (`origin` is the node's), or another chain it
 * keeps, named apart so that one chain's signature never passes for another's (the audit log: `<origin>:audit`).
 */
export function signCheckpoint(
  key: NodeKey,
  head: Omit<Checkpoint, 'signature' | 'origin'>,
  origin = key.origin,
): Checkpoint {
  const body = { ...head, origin };
  return { ...body, signature: sign(null, signedText(body), key.privateKey).toString('base64') };
}

export function checkpointSignatureValid(c: Checkpoint, publicKeyPem: string): boolean {
  return verify(null, signedText(c), createPublicKey(publicKeyPem), Buffer.from(c.signature, 'base64'));
}
