// Scanning an ID card: the person it names, as a guard at the gate or at a count needs them.
import { z } from 'zod';
import { DatabaseView } from '../../store/projection-views.ts';
import { resolveCard } from '../cards.ts';
import { presentPerson } from './persons.ts';
import { defineQuery } from './query.ts';

export const scanCard = defineQuery({
  summary:
    "The person an ID card's QR code names, with where they are held now; a forged, replaced or " +
    'revoked card, or one of a person outside your facilities, is refused (card.forged, ' +
    'card.revoked, card.malformed, card.unknown-person)',
  input: z.strictObject({ code: z.string().max(1000) }),
  async run({ db, dialect, now, access }, { code }) {
    const { person, custody, card } = await resolveCard(new DatabaseView(db, dialect), db, code, { access });
    const { serial, origin, issuedAt } = card;
    return {
      ...presentPerson(person, custody, now.slice(0, 10), access),
      card: { serial, origin, issuedAt },
    };
  },
  auditTarget: (_input, person) => person.id,
});
