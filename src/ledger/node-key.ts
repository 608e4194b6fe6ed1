// The node's Ed25519 key: created on first start, kept in a file readable by its owner only.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface NodeKey {
  /** The node's origin id: the first 16 hex digits of SHA-256 of its raw public key. */
  origin: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, as stored in the ledger's node table. */
  publicKeyPem: string;
}

export function nodeKeyFromPrivate(privateKey: KeyObject): NodeKey {
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  const origin = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return {
    origin,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Loads the key at `path`, creating it (mode 0600) if there is none. Refuses a key others can read. */
export function loadOrCreateNodeKey(path: string): NodeKey {
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(
        `The node key ${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      );
    }
    return nodeKeyFromPrivate(createPrivateKey(readFileSync(path)));
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return nodeKeyFromPrivate(privateKey);
}
