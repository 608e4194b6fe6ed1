import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Checkpoint, checkpointSignatureValid, signCheckpoint } from './checkpoint.ts';
import { loadOrCreateNodeKey, nodeKeyFromPrivate } from './node-key.ts';

const newKey = () => nodeKeyFromPrivate(generateKeyPairSync('ed25519').privateKey);
const key = newKey();
const head = { originSeq: 4217, headHash: 'ab'.repeat(32), signedAt: '2019-10-13T08:00:00.000Z' };

describe('signed checkpoints', () => {
  const checkpoint = signCheckpoint(key, head);

  it("carry the node's origin and the head they sign", () => {
    assert.deepEqual(
      { ...checkpoint, signature: undefined },
      { ...head, origin: key.origin, signature: undefined },
    );
    assert.equal(Buffer.from(checkpoint.signature, 'base64').length, 64);
  });

  it("verify with the node's public key", () => {
    assert.equal(checkpointSignatureValid(checkpoint, key.publicKeyPem), true);
  });

  it('verify whatever the order of their fields', () => {
    const { signature, signedAt, headHash, originSeq, origin } = checkpoint;
    assert.equal(
      checkpointSignatureValid({ signature, signedAt, headHash, originSeq, origin }, key.publicKeyPem),
      true,
    );
  });

  it('fail once any signed field is altered', () => {
    const altered: Checkpoint[] = [
      { ...checkpoint, origin: newKey().origin },
      { ...checkpoint, originSeq: checkpoint.originSeq + 1 },
      { ...checkpoint, originSeq: checkpoint.originSeq - 1 },
      { ...checkpoint, headHash: 'ac'.repeat(32) },
      { ...checkpoint, headHash: checkpoint.headHash.toUpperCase() },
      { ...checkpoint, signedAt: '2019-10-13T08:00:00.001Z' },
    ];
    for (const c of altered)
      assert.equal(checkpointSignatureValid(c, key.publicKeyPem), false, JSON.stringify(c));
  });

  it('fail for any altered head, property-wise', () => {
    fc.assert(
      fc.property(
        fc.record({
          originSeq: fc.integer({ min: 1, max: 2 ** 40 }),
          headHash: fc.stringMatching(/^[0-9a-f]{64}$/),
          signedAt: fc
            .date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01T00:00:00Z') })
            .map((d) => d.toISOString()),
        }),
        fc.constantFrom('originSeq', 'headHash', 'signedAt'),
        (signedHead, field) => {
          const c = signCheckpoint(key, signedHead);
          assert.equal(checkpointSignatureValid(c, key.publicKeyPem), true);
          const changed =
            field === 'originSeq'
              ? { ...c, originSeq: c.originSeq + 1 }
              : field === 'headHash'
                ? { ...c, headHash: (c.headHash[0] === '0' ? '1' : '0') + c.headHash.slice(1) }
                : { ...c, signedAt: new Date(Date.parse(c.signedAt) + 1).toISOString() };
          assert.equal(checkpointSignatureValid(changed, key.publicKeyPem), false);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('fail once any bit of the signature is flipped', () => {
    const bytes = Buffer.from(checkpoint.signature, 'base64');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const c = { ...checkpoint, signature: flipped.toString('base64') };
      assert.equal(checkpointSignatureValid(c, key.publicKeyPem), false, `bit ${bit}`);
    }
  });

  it('fail with a truncated, empty or foreign signature', () => {
    const bytes = Buffer.from(checkpoint.signature, 'base64');
    const other = signCheckpoint(newKey(), head);
    for (const signature of [bytes.subarray(0, 63).toString('base64'), '', other.signature]) {
      assert.equal(
        checkpointSignatureValid({ ...checkpoint, signature }, key.publicKeyPem),
        false,
        signature,
      );
    }
  });

  it("fail with another node's public key", () => {
    assert.equal(checkpointSignatureValid(checkpoint, newKey().publicKeyPem), false);
  });
});

describe('node key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-node-key-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is created, with any missing directory, in a file only its owner can read or write', () => {
    const path = join(dir, 'keys', 'node.key');
    const created = loadOrCreateNodeKey(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(readFileSync(path, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.match(created.origin, /^[0-9a-f]{16}$/);
    assert.match(created.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
  });

  it('is the same key when loaded again', () => {
    const path = join(dir, 'again.key');
    const created = loadOrCreateNodeKey(path);
    const loaded = loadOrCreateNodeKey(path);
    assert.equal(loaded.origin, created.origin);
    assert.equal(loaded.publicKeyPem, created.publicKeyPem);
    const c = signCheckpoint(loaded, head);
    assert.equal(checkpointSignatureValid(c, created.publicKeyPem), true);
  });

  it('gives each new node its own origin', () => {
    assert.notEqual(
      loadOrCreateNodeKey(join(dir, 'a.key')).origin,
      loadOrCreateNodeKey(join(dir, 'b.key')).origin,
    );
  });

  it('derives the origin from the public key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    assert.equal(nodeKeyFromPrivate(privateKey).origin, nodeKeyFromPrivate(privateKey).origin);
    assert.notEqual(nodeKeyFromPrivate(privateKey).origin, key.origin);
  });

  it('is refused when other users may read it, with a message naming chmod', () => {
    const path = join(dir, 'open.key');
    loadOrCreateNodeKey(path);
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(path, mode);
      assert.throws(
        () => loadOrCreateNodeKey(path),
        (error: Error) =>
          error.message.includes(`chmod 600 ${path}`) && error.message.includes(mode.toString(8)),
      );
    }
    chmodSync(path, 0o600);
    assert.doesNotThrow(() => loadOrCreateNodeKey(path));
  });

  it('is not overwritten by a refusal', () => {
    const path = join(dir, 'kept.key');
    loadOrCreateNodeKey(path);
    const before = readFileSync(path, 'utf8');
    chmodSync(path, 0o644);
    assert.throws(() => loadOrCreateNodeKey(path), /chmod/);
    assert.equal(readFileSync(path, 'utf8'), before);
  });

  it('is refused when the file is not a private key', () => {
    const path = join(dir, 'garbage.key');
    writeFileSync(path, 'not a key', { mode: 0o600 });
    assert.throws(() => loadOrCreateNodeKey(path));
  });
});
