// People: identity as registers require it (Geneva IV art. 138, Mandela Rules 7-8), registration
// numbers, categories by age and sex, family links, households, classification and separations.
import { z } from 'zod';
import { id, instant, isoDate, nationality, reason, text } from './common.ts';
import type { PersonCategory } from './facility.ts';

const namePart = text(100).optional();

/** One name as written in one script, split into the parts of an Arabic name. */
export const nameParts = z.strictObject({
  given: text(100),
  father: namePart,
  grandfather: namePart,
  family: namePart,
  kunya: namePart,
});
export type NameParts = z.infer<typeof nameParts>;

const contact = z.strictObject({
  name: text(200),
  relation: text(100).optional(),
  address: text(500).optional(),
  phone: text(50).optional(),
});

const fileRef = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest'),
  file: text(500),
});

export const documentKinds = [
  'passport',
  'national-id',
  'birth-certificate',
  'family-booklet',
  'residence-permit',
  'camp-card',
  'other',
] as const;

export const identity = z.strictObject({
  names: z
    .strictObject({
      arabic: nameParts.optional(),
      latin: nameParts.optional(),
      aliases: z.array(text(200)).max(20).default([]),
    })
    .refine((n) => n.arabic !== undefined || n.latin !== undefined, {
      message: 'give the name in Arabic script, in Latin script, or both',
      path: ['latin'],
    }),
  sex: z.enum(['male', 'female']),
  birthDate: z.strictObject({
    date: isoDate,
    estimated: z.boolean().default(false),
  }),
  placeOfBirth: text(200).optional(),
  nationalities: z.array(nationality).min(1, 'give at least one nationality, or "unknown"').max(5),
  lastResidence: text(500).optional(),
  fatherFirstName: text(100).optional(),
  motherName: text(200).optional(),
  distinguishingMarks: text(1000).optional(),
  addressForCorrespondence: text(500).optional(),
  personToNotify: contact.optional(),
  emergencyContact: contact.optional(),
  documents: z
    .array(
      z.strictObject({
        kind: z.enum(documentKinds),
        number: text(100).optional(),
        issuingCountry: nationality.optional(),
        expiresOn: isoDate.optional(),
        held: z.boolean().default(true),
      }),
    )
    .max(20)
    .default([]),
  photo: fileRef.optional(),
  biometrics: z
    .array(z.strictObject({ kind: z.enum(['fingerprint', 'iris', 'face']), ...fileRef.shape }))
    .max(10)
    .default([]),
});
export type Identity = z.infer<typeof identity>;

const distinctIds = (what: string) =>
  z
    .array(id)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, `${what} is named twice`);

export const registerPerson = z.strictObject({
  facilityId: id,
  identity,
  householdId: id.optional(),
  /**
   * The possible duplicates the registrar was shown (`person.possible-duplicates`) and judged to be
   * other people: recorded in the event, and never proposed again as duplicates of this person.
   */
  distinctFrom: distinctIds('a person').default([]),
  /**
   * Possible duplicates the registrar may see: `refuse` answers with them (409) and registers
   * nothing; `queue` registers and queues them for review (a bulk import). Those held at facilities
   * outside the registrar's scope are always queued for review.
   */
  onDuplicates: z.enum(['refuse', 'queue']).default('refuse'),
});

export const correctIdentity = z.strictObject({
  personId: id,
  changes: identity.partial().refine((c) => Object.keys(c).length > 0, 'name at least one field to correct'),
  reason,
});

export const securityClassifications = ['standard', 'high', 'high-value'] as const;
export const classify = z.strictObject({
  personId: id,
  classification: z.enum(securityClassifications),
  reason,
});

/** `personId` is the `relation` of `relatedPersonId`: "A is the mother of B". */
export const familyRelations = ['mother', 'father', 'spouse', 'sibling', 'guardian'] as const;
export const addFamilyLink = z.strictObject({
  personId: id,
  relatedPersonId: id,
  relation: z.enum(familyRelations),
});

export const formHousehold = z.strictObject({
  facilityId: id,
  name: text(200).optional(),
  memberIds: z.array(id).min(1).max(50),
});

export const addSeparation = z.strictObject({
  personIds: z
    .array(id)
    .min(2, 'a separation keeps at least two people apart')
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'a person is named twice'),
  reason,
});

export const liftSeparation = z.strictObject({ separationId: id, reason });

export const registerEntryKinds = [
  'request',
  'complaint',
  'disciplinary-measure',
  'injury',
  'judicial-step',
] as const;
export const recordRegisterEntry = z.strictObject({
  personId: id,
  kind: z.enum(registerEntryKinds),
  description: text(4000),
  occurredAt: instant.optional(),
});

/**
 * Two records of one person (registered twice, e.g. at two facilities): the duplicate is merged into
 * the record kept. Both keep their history; a merge is undone by an unmerge, never deleted.
 */
export const mergePersons = z.strictObject({ personId: id, duplicateId: id, reason });
export const unmergePerson = z.strictObject({ personId: id, reason });

/** An ID card: the first, or a new one that replaces the last (which is then refused at scan). */
export const issueCard = z.strictObject({ personId: id, reason: reason.optional() });
/** A lost or misused card refused at scan before a new one is issued. */
export const revokeCard = z.strictObject({ personId: id, reason });
/** A pair's identity whichever way round it is named. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * A reviewer's decision on two records proposed as possible duplicates: `merged` (the record kept is
 * `keptId`, the other is merged into it) or `not-duplicate`. Either way the pair is not proposed again.
 */
export const duplicateDecisions = ['merged', 'not-duplicate'] as const;
export const decideDuplicate = z.strictObject({
  personId: id,
  otherId: id,
  decision: z.enum(duplicateDecisions),
  keptId: id.optional(),
  reason,
});

/** Child-protection notes: visible to child-protection officers only (SPEC 2, 6, 8). */
export const protectionNoteKinds = [
  'assessment',
  'best-interests',
  'care-arrangement',
  'service',
  'family-tracing',
  'concern',
] as const;
export const recordProtectionNote = z.strictObject({
  personId: id,
  kind: z.enum(protectionNoteKinds),
  note: text(8000),
  occurredAt: instant.optional(),
  /** The child-protection case the note belongs to. */
  childCaseId: id.optional(),
});

// --- Registration numbers: plain rules in registration-number.ts (the web app checks them too).

export { dammDigit, isValidRegistrationNumber, registrationNumber } from './registration-number.ts';

// --- Age and category.

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  // YYYY-MM-DD: the years apart, less one if the birthday (MM-DD, compared as text) is still to come.
  return (
    Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (day.slice(5) < birthDate.slice(5) ? 1 : 0)
  );
}

export const ADULT_AGE = 18;

/** The latest birth date of an adult on a day: born after it, a person is a minor (for SQL filters). */
export function adultBornBy(day: string): string {
  return `${String(Number(day.slice(0, 4)) - ADULT_AGE).padStart(4, '0')}${day.slice(4)}`;
}

export function isMinorOn(birthDate: string, day: string): boolean {
  return ageOn(birthDate, day) < ADULT_AGE;
}

export function categoryOn(sex: 'male' | 'female', birthDate: string, day: string): PersonCategory {
  const minor = isMinorOn(birthDate, day);
  if (sex === 'male') return minor ? 'boy' : 'man';
  return minor ? 'girl' : 'woman';
}

/** The name a list shows: Latin parts if any, else Arabic. */
export function displayName(names: Identity['names']): string {
  const parts = names.latin ?? names.arabic!;
  return [
    parts.kunya ? `(${parts.kunya})` : undefined,
    parts.given,
    parts.father,
    parts.grandfather,
    parts.family,
  ]
    .filter((p) => p !== undefined)
    .join(' ');
}
