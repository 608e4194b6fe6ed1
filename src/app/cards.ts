// Reading an ID card at scan: its signature against the keys of the nodes this one knows, then the
// register: the person it names, and whether it is still their current card. The scan query and the
// headcount's marks by card both go through `resolveCard`.
import { CustodianError, type FieldError } from '../domain/errors.ts';
import type { CustodyRow, PersonRow, ProjectionView } from '../domain/projection.ts';
import { type CardContent, checkCard } from '../ledger/card.ts';
import type { Db } from '../store/store.ts';
import { type Access, personFacilities } from './access.ts';

export interface ResolvedCard {
  personId: string;
  /** What the card says (its signature checked). */
  card: CardContent;
  person: PersonRow;
  custody: CustodyRow;
}

const refusal = (id: string, kind: CustodianError['kind'], field: string, message: string) =>
  new CustodianError(id, kind, `Card refused: ${message}`, [{ field, message } satisfies FieldError]);

/**
 * The public keys of the nodes whose cards this node accepts, by origin: the `nodes` table, which
 * today holds this node only (peers join it when ledgers are exchanged).
 */
export async function knownNodeKeys(db: Db): Promise<Map<string, string>> {
  const nodes = await db.selectFrom('nodes').select(['origin', 'publicKey']).execute();
  return new Map(nodes.map((n) => [n.origin, n.publicKey]));
}

/**
 * Resolves a scanned card code to the person it names, or refuses it with a CustodianError that
 * names `field` and says why, under a stable id:
 * - `card.malformed` (400): not a card code, cut short, or of a format version this node does not read;
 * - `card.forged` (422): the signature does not verify, or the issuing node is not one this node knows;
 * - `card.unknown-person` (404): no such registration number, or (given `access`) the person is held
 *   outside the caller's facilities, answered alike so that a refusal reveals nothing;
 * - `card.revoked` (409): a card replaced by a newer one, revoked, or of a record merged into another.
 *
 * `view` is the projections as the caller sees them (a command's `ctx.writer.view`, so that a card
 * issued earlier in the same transaction counts); `db` reads the node keys.
 */
export async function resolveCard(
  view: ProjectionView,
  db: Db,
  code: string,
  options: { field?: string; access?: Access } = {},
): Promise<ResolvedCard> {
  const field = options.field ?? 'code';
  const keys = await knownNodeKeys(db);
  const check = checkCard(code, (origin) => keys.get(origin));
  if (!check.ok) {
    const malformed = check.reason === 'malformed' || check.reason === 'version';
    throw malformed
      ? refusal('card.malformed', 'invalid', field, check.message)
      : refusal('card.forged', 'unprocessable', field, check.message);
  }
  const { card } = check;
  const [person] = await view.list('persons', 'registrationNumber', card.registrationNumber);
  const unknown = () =>
    refusal(
      'card.unknown-person',
      'not-found',
      field,
      `no person with registration number ${card.registrationNumber}`,
    );
  if (person === undefined) throw unknown();
  if (options.access !== undefined) {
    const facilities = await personFacilities(view, person.id);
    if (!facilities?.some((f) => options.access!.inScope(f))) throw unknown();
  }
  const revoked = (why: string) => refusal('card.revoked', 'conflict', field, why);
  if (person.mergedInto !== null) {
    throw revoked('the record it names was merged into another record: issue a card on the record kept');
  }
  const current = await view.get('idCards', person.id);
  if (current === undefined) throw revoked(`the register holds no card issued to ${card.registrationNumber}`);
  if (current.origin !== card.origin || current.serial !== card.serial) {
    throw revoked(`card ${card.serial} was replaced by card ${current.serial}, issued ${current.issuedAt}`);
  }
  if (current.revokedAt !== null) {
    throw revoked(`card ${card.serial} was revoked ${current.revokedAt}: ${current.revokedReason}`);
  }
  const custody = await view.get('custody', person.id);
  if (custody === undefined) throw unknown();
  return { personId: person.id, card, person, custody };
}
