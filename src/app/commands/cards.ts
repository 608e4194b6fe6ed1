// ID cards: issued to a person with a code signed by this node's key; a new card replaces the last.
import { refused } from '../../domain/errors.ts';
import * as person from '../../domain/person.ts';
import { MAX_CARD_SERIAL, signCard } from '../../ledger/card.ts';
import { defineCommand } from './command.ts';

export const issueCard = defineCommand({
  summary:
    "Issue a person's ID card, its QR code signed by this node; a new card replaces the last, " +
    'which is refused at scan from then on',
  input: person.issueCard,
  async run(ctx, input) {
    const found = await ctx.require('persons', input.personId, 'personId', 'person');
    if (found.mergedInto !== null) {
      throw refused(
        'card.merged-record',
        'personId',
        `${found.displayName} is merged into another record: issue the card on the record kept`,
      );
    }
    const last = await ctx.writer.view.get('idCards', input.personId);
    const serial = (last?.serial ?? 0) + 1;
    if (serial > MAX_CARD_SERIAL) {
      throw refused('card.too-many', 'personId', `${found.displayName} has had ${MAX_CARD_SERIAL} cards`);
    }
    const { code, card } = signCard(ctx.writer.node, {
      registrationNumber: found.registrationNumber,
      serial,
      at: ctx.now,
    });
    await ctx.writer.append('card.issued', input.personId, {
      personId: input.personId,
      serial,
      origin: card.origin,
      issuedAt: card.issuedAt,
      code,
      reason: input.reason ?? null,
    });
    return {
      personId: input.personId,
      serial,
      issuedAt: card.issuedAt,
      code,
      replaced: last?.serial ?? null,
    };
  },
});

export const revokeCard = defineCommand({
  summary: "Revoke a person's current ID card (lost, taken): it is refused at scan until a new one is issued",
  input: person.revokeCard,
  async run(ctx, input) {
    const found = await ctx.require('persons', input.personId, 'personId', 'person');
    const card = await ctx.writer.view.get('idCards', input.personId);
    if (card === undefined || card.revokedAt !== null) {
      throw refused(
        'card.none-valid',
        'personId',
        `${found.displayName} has no valid card to revoke${card ? ` (card ${card.serial} is already revoked)` : ''}`,
      );
    }
    await ctx.writer.append('card.revoked', input.personId, {
      personId: input.personId,
      serial: card.serial,
      reason: input.reason,
    });
    return { personId: input.personId, serial: card.serial };
  },
});
