import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { base32, type CardCheck, checkCard, fromBase32, signCard } from './card.ts';
import { nodeKeyFromPrivate } from './node-key.ts';

const newKey = () => nodeKeyFromPrivate(generateKeyPairSync('ed25519').privateKey);
const key = newKey();
const keys = (...known: ReturnType<typeof newKey>[]) => {
  const byOrigin = new Map(known.map((k) => [k.origin, k.publicKeyPem]));
  return (origin: string) => byOrigin.get(origin);
};
const issued = signCard(key, {
  registrationNumber: 'HOL-004217-3',
  serial: 2,
  at: '2019-10-13T08:15:42.917Z',
});
const reason = (check: CardCheck) => (check.ok ? 'ok' : check.reason);

describe('ID card codes', () => {
  it('say who, which card, by which node and when, to the second', () => {
    assert.deepEqual(issued.card, {
      registrationNumber: 'HOL-004217-3',
      origin: key.origin,
      serial: 2,
      issuedAt: '2019-10-13T08:15:42.000Z',
    });
    assert.match(issued.code, /^CUS1:HOL-004217-3:[A-Z2-7]{125}$/);
  });

  it("are accepted with the issuing node's key, and read back what was signed", () => {
    assert.deepEqual(checkCard(issued.code, keys(key)), { ok: true, card: issued.card });
    assert.deepEqual(
      checkCard(issued.code, () => key.publicKey),
      { ok: true, card: issued.card },
    );
  });

  it('fit a version 6 QR code at error correction M, in alphanumeric mode', () => {
    const qr = QRCode.create(issued.code, { errorCorrectionLevel: 'M' });
    assert.equal(qr.version, 6);
    assert.deepEqual(
      qr.segments.map((s) => s.mode.id),
      ['Alphanumeric'],
    );
    // The longest registration number (a 12-character facility code) still fits version 7.
    const longest = signCard(key, {
      registrationNumber: 'ABCDEFGHIJKL-999999-9',
      serial: 65535,
      at: issued.card.issuedAt,
    });
    assert.ok(QRCode.create(longest.code, { errorCorrectionLevel: 'M' }).version <= 7);
  });

  it('are refused when any character is altered', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:-0189';
    for (let i = 0; i < issued.code.length; i++) {
      for (const ch of alphabet) {
        if (ch === issued.code[i]) continue;
        const altered = issued.code.slice(0, i) + ch + issued.code.slice(i + 1);
        const check = checkCard(altered, keys(key));
        assert.equal(check.ok, false, `altered at ${i} to ${ch} was accepted`);
      }
    }
  });

  it('are refused when any byte of the signed part is altered, as a bad signature or an unknown node', () => {
    const [head, signed] = [issued.code.slice(0, 18), fromBase32(issued.code.slice(18))!];
    fc.assert(
      fc.property(fc.nat(signed.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = Buffer.from(signed);
        bytes[at]! ^= flip;
        const check = checkCard(head + base32(bytes), keys(key));
        assert.equal(reason(check), at < 8 ? 'unknown-issuer' : 'bad-signature');
      }),
    );
  });

  it('are refused when signed by a key this node does not know, or by another node as this one', () => {
    const stranger = newKey();
    const forged = signCard(stranger, {
      registrationNumber: 'HOL-004217-3',
      serial: 2,
      at: issued.card.issuedAt,
    });
    const unknown = checkCard(forged.code, keys(key));
    assert.deepEqual(unknown, {
      ok: false,
      reason: 'unknown-issuer',
      message: `the card says it was issued by node ${stranger.origin}, which this node does not know`,
    });
    // A stranger's key under this node's origin: the signature does not verify.
    const impostor = signCard(
      { ...stranger, origin: key.origin },
      { registrationNumber: 'HOL-004217-3', serial: 2, at: issued.card.issuedAt },
    );
    assert.equal(reason(checkCard(impostor.code, keys(key))), 'bad-signature');
    assert.equal(reason(checkCard(forged.code, keys(key, stranger))), 'ok', 'known peers are accepted');
  });

  it('are refused when cut short, lengthened, of another version or not card codes at all', () => {
    for (let length = 0; length < issued.code.length; length++) {
      assert.notEqual(reason(checkCard(issued.code.slice(0, length), keys(key))), 'ok', `cut to ${length}`);
    }
    assert.equal(reason(checkCard(`${issued.code}A`, keys(key))), 'malformed');
    assert.equal(reason(checkCard(issued.code.slice(0, -1), keys(key))), 'malformed');
    assert.equal(reason(checkCard(issued.code.replace('CUS1', 'CUS2'), keys(key))), 'version');
    assert.equal(reason(checkCard(issued.code.toLowerCase(), keys(key))), 'malformed');
    assert.equal(reason(checkCard('HOL-004217-3', keys(key))), 'malformed');
    assert.equal(reason(checkCard('', keys(key))), 'malformed');
    const version = checkCard(issued.code.replace('CUS1', 'CUS2'), keys(key));
    assert.ok(!version.ok && /version 2/.test(version.message));
  });

  it('are the same code whenever the same card is signed again (Ed25519 is deterministic)', () => {
    const again = signCard(key, {
      registrationNumber: 'HOL-004217-3',
      serial: 2,
      at: '2019-10-13T08:15:42.001Z',
    });
    assert.equal(again.code, issued.code);
  });

  it('refuse to sign what they cannot carry', () => {
    const at = issued.card.issuedAt;
    assert.throws(() => signCard(key, { registrationNumber: 'HOL-004217-3', serial: 0, at }), RangeError);
    assert.throws(() => signCard(key, { registrationNumber: 'HOL-004217-3', serial: 65536, at }), RangeError);
    assert.throws(() => signCard(key, { registrationNumber: 'hol:1', serial: 1, at }), RangeError);
  });
});

describe('base32', () => {
  it('round-trips any bytes, and decodes only the one text that encodes them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = base32(bytes);
        assert.deepEqual(fromBase32(text), Buffer.from(bytes));
        assert.match(text, /^[A-Z2-7]*$/);
      }),
    );
    assert.equal(base32(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.equal(fromBase32('MZXW6YTBOJ'), undefined, 'padding bits set');
    assert.equal(fromBase32('MZXW6YTBOI1'), undefined, 'not in the alphabet');
    assert.equal(fromBase32('MZXW6YTBOIA'), undefined, 'a whole character of padding');
  });
});
