// Commands on people: registration, corrections, classification, family, households, separations.
import { z } from 'zod';
import { id, instant, nationality, reason, text } from '../../domain/common.ts';
import { refused, refusedWith, unprocessable } from '../../domain/errors.ts';
import * as person from '../../domain/person.ts';
import type { PersonRow } from '../../domain/projection.ts';
import type { SearchResult } from '../../names/name-index.ts';
import { personFacilities } from '../access.ts';
import { candidateRow, saveCandidates } from '../duplicates.ts';
import { type CommandContext, defineCommand } from './command.ts';

async function nextRegistrationNumber(
  ctx: CommandContext,
  facilityId: string,
  field: string,
): Promise<string> {
  const facility = await ctx.require('facilities', facilityId, field, 'facility');
  return person.registrationNumber(facility.code, facility.lastRegistrationSeq + 1);
}

function refuseFutureBirth(ctx: CommandContext, birthDate: string, field: string): void {
  if (birthDate > ctx.now.slice(0, 10)) {
    throw unprocessable('person.born-in-future', field, `birth date ${birthDate} is in the future`);
  }
}

export const registerPerson = defineCommand({
  summary: 'Register a person at a facility (admission is a separate custody event)',
  input: person.registerPerson,
  async run(ctx, input) {
    refuseFutureBirth(ctx, input.identity.birthDate.date, 'identity.birthDate.date');
    if (input.householdId !== undefined) {
      const household = await ctx.require('households', input.householdId, 'householdId', 'household');
      if (household.facilityId !== input.facilityId) {
        throw unprocessable(
          'household.other-facility',
          'householdId',
          'the household is registered at another facility',
        );
      }
    }
    for (const [i, otherId] of input.distinctFrom.entries()) {
      await ctx.require('persons', otherId, `distinctFrom.${i}`, 'person');
    }
    const registrationNumber = await nextRegistrationNumber(ctx, input.facilityId, 'facilityId');
    const queued = await possibleDuplicates(ctx, input);
    const personId = ctx.newId();
    await ctx.writer.append('person.registered', personId, {
      personId,
      facilityId: input.facilityId,
      registrationNumber,
      identity: input.identity,
      householdId: input.householdId ?? null,
      ...(input.distinctFrom.length > 0 ? { distinctFrom: input.distinctFrom } : {}),
    });
    await saveCandidates(
      ctx.db,
      queued.map((found) => candidateRow(personId, found, 'registration', ctx.now)),
    );
    // A count only: some of them may be held where the registrar may not look.
    return { personId, registrationNumber, duplicatesQueuedForReview: queued.length };
  },
});

/**
 * The duplicate check of a registration by a user (the demo builder, a system actor, is not
 * checked: the duplicate scan reviews its people). The people already registered whom the name
 * matcher takes for possibly this person, less those the registrar named as other people: those
 * the registrar may see refuse the registration (409 with them, so that the registrar can say
 * which are other people, or use the record already there), unless `onDuplicates` is `queue`;
 * the others are returned, to be queued for a reviewer who sees both records.
 */
async function possibleDuplicates(
  ctx: CommandContext,
  input: z.output<typeof person.registerPerson>,
): Promise<SearchResult[]> {
  if (ctx.access.actor.kind === 'system') return [];
  const distinct = new Set(input.distinctFrom);
  const found = (await ctx.names.possibleDuplicates(input.identity)).filter((f) => !distinct.has(f.id));
  if (input.onDuplicates === 'queue') return found;
  const shown: SearchResult[] = [];
  for (const f of found) {
    const facilities = await personFacilities(ctx.writer.view, f.id);
    if (facilities?.some((facility) => ctx.access.inScope(facility))) shown.push(f);
  }
  if (shown.length === 0) return found;
  const candidates = await Promise.all(
    shown.map(async (f) => {
      const p = (await ctx.writer.view.get('persons', f.id))!;
      const custody = (await ctx.writer.view.get('custody', f.id))!;
      return {
        personId: p.id,
        registrationNumber: p.registrationNumber,
        displayName: p.displayName,
        names: p.identity.names,
        sex: p.sex,
        birthDate: p.identity.birthDate,
        nationalities: p.identity.nationalities,
        facilityId: custody.lastFacilityId ?? p.registeredAtFacilityId,
        status: custody.status,
        match: { score: roundScore(f.score), decision: f.decision, reason: f.reason },
      };
    }),
  );
  const many = candidates.length === 1 ? 'one person' : `${candidates.length} people`;
  throw refusedWith(
    'person.possible-duplicates',
    'distinctFrom',
    `${many} already registered may be this person: name in distinctFrom those who are other people ` +
      'and register again, or use the record already registered',
    { candidates },
  );
}

const roundScore = (score: number) => Math.round(score * 1000) / 1000;

function refuseClassifiedChild(
  p: Pick<PersonRow, 'displayName'>,
  birthDate: string,
  on: string,
  field: string,
) {
  if (person.isMinorOn(birthDate, on)) {
    throw refused(
      'person.child-classification',
      field,
      `${p.displayName} is a child (born ${birthDate}, age ${person.ageOn(birthDate, on)}): ` +
        'children are recorded as children and never given a security classification',
    );
  }
}

export const correctIdentity = defineCommand({
  summary: "Correct fields of a person's identity; the earlier record stays in the ledger",
  input: person.correctIdentity,
  async run(ctx, input) {
    const found = await ctx.require('persons', input.personId, 'personId', 'person');
    if (input.changes.birthDate !== undefined) {
      refuseFutureBirth(ctx, input.changes.birthDate.date, 'changes.birthDate.date');
      if (found.classification !== null) {
        refuseClassifiedChild(
          found,
          input.changes.birthDate.date,
          ctx.now.slice(0, 10),
          'changes.birthDate.date',
        );
      }
    }
    await ctx.writer.append('person.identity-corrected', input.personId, input);
    return { personId: input.personId, corrected: Object.keys(input.changes) };
  },
});

/** Statuses in which a record says where the person is now: two such records cannot be one person. */
const held = new Set(['in-custody', 'in-transit']);

export const mergePersons = defineCommand({
  summary: 'Merge a duplicate record into the record kept; both histories stay, and an unmerge undoes it',
  input: person.mergePersons,
  async run(ctx, input) {
    if (input.personId === input.duplicateId) {
      throw unprocessable('merge.same-record', 'duplicateId', 'a record cannot be merged into itself');
    }
    const kept = await ctx.require('persons', input.personId, 'personId', 'person');
    const duplicate = await ctx.require('persons', input.duplicateId, 'duplicateId', 'person');
    for (const [field, row] of [
      ['personId', kept],
      ['duplicateId', duplicate],
    ] as const) {
      if (row.mergedInto !== null) {
        throw refused(
          'merge.already-merged',
          field,
          `${row.displayName} is already merged into another record`,
        );
      }
    }
    const [keptCustody, duplicateCustody] = await Promise.all([
      ctx.require('custody', input.personId, 'personId', 'person'),
      ctx.require('custody', input.duplicateId, 'duplicateId', 'person'),
    ]);
    if (held.has(keptCustody.status) && held.has(duplicateCustody.status)) {
      throw refused(
        'merge.both-held',
        'duplicateId',
        `Both records place the person in custody (${keptCustody.status} and ${duplicateCustody.status}): ` +
          'correct the custody event of the record that is wrong, then merge',
      );
    }
    await ctx.writer.append('person.merged', input.duplicateId, input);
    return { personId: input.personId, duplicateId: input.duplicateId };
  },
});

export const unmergePerson = defineCommand({
  summary: 'Undo a merge: the duplicate record stands on its own again',
  input: person.unmergePerson,
  async run(ctx, input) {
    const found = await ctx.require('persons', input.personId, 'personId', 'person');
    if (found.mergedInto === null) {
      throw refused('merge.not-merged', 'personId', `${found.displayName} is not merged into another record`);
    }
    await ctx.writer.append('person.unmerged', input.personId, { ...input, mergedInto: found.mergedInto });
    return { personId: input.personId, mergedInto: null };
  },
});

export const decideDuplicate = defineCommand({
  summary:
    'Decide on two records proposed as possible duplicates: merged (into the record kept) or not the same person',
  input: person.decideDuplicate,
  async run(ctx, input) {
    if (input.personId === input.otherId) {
      throw unprocessable('duplicate.same-record', 'otherId', 'a record cannot be a duplicate of itself');
    }
    await ctx.require('persons', input.personId, 'personId', 'person');
    await ctx.require('persons', input.otherId, 'otherId', 'person');
    const earlier = await ctx.writer.view.get(
      'duplicateDecisions',
      person.pairKey(input.personId, input.otherId),
    );
    if (earlier !== undefined) {
      throw refused(
        'duplicate.already-decided',
        'otherId',
        `These records were already decided on (${earlier.decision}, ${earlier.decidedAt.slice(0, 10)}): ` +
          'merge or unmerge them through the person record if that was wrong',
      );
    }
    let keptId: string | null = null;
    if (input.decision === 'merged') {
      if (input.keptId !== input.personId && input.keptId !== input.otherId) {
        throw unprocessable(
          'duplicate.kept-record',
          'keptId',
          'name the record to keep: personId or otherId',
        );
      }
      keptId = input.keptId;
    } else if (input.keptId !== undefined) {
      throw unprocessable('duplicate.kept-record', 'keptId', 'a record is kept only when the two are merged');
    }
    await ctx.writer.append('duplicate.decided', input.personId, {
      personId: input.personId,
      otherId: input.otherId,
      decision: input.decision,
      keptId,
      reason: input.reason,
    });
    if (keptId !== null) {
      const duplicateId = keptId === input.personId ? input.otherId : input.personId;
      await mergePersons.run(ctx, { personId: keptId, duplicateId, reason: input.reason });
    }
    return { personId: input.personId, otherId: input.otherId, decision: input.decision, keptId };
  },
});

export const classifyPerson = defineCommand({
  summary: 'Set the security classification of an adult, with a reason',
  input: person.classify,
  async run(ctx, input) {
    const found = await ctx.require('persons', input.personId, 'personId', 'person');
    refuseClassifiedChild(found, found.birthDate, ctx.now.slice(0, 10), 'classification');
    await ctx.writer.append('person.classified', input.personId, input);
    return { personId: input.personId, classification: input.classification };
  },
});

export const addFamilyLink = defineCommand({
  summary: 'Record that one person is the mother, father, spouse, sibling or guardian of another',
  input: person.addFamilyLink,
  async run(ctx, input) {
    if (input.personId === input.relatedPersonId) {
      throw unprocessable('family.self-link', 'relatedPersonId', 'a person cannot be related to themselves');
    }
    const from = await ctx.require('persons', input.personId, 'personId', 'person');
    await ctx.require('persons', input.relatedPersonId, 'relatedPersonId', 'person');
    const expectedSex = { mother: 'female', father: 'male' }[input.relation as string];
    if (expectedSex !== undefined && from.sex !== expectedSex) {
      throw unprocessable(
        'family.parent-sex',
        'relation',
        `${from.displayName} is recorded as ${from.sex}, not as a ${input.relation}`,
      );
    }
    const existing = await ctx.writer.view.list('familyLinks', 'personId', input.personId);
    if (existing.some((l) => l.relatedPersonId === input.relatedPersonId && l.relation === input.relation)) {
      throw refused('family.link-exists', 'relation', 'this family link is already recorded');
    }
    const linkId = ctx.newId();
    await ctx.writer.append('family-link.added', input.personId, { linkId, ...input });
    return { linkId };
  },
});

export const formHousehold = defineCommand({
  summary: 'Form a household (a mother with her children, say) at a facility',
  input: person.formHousehold,
  async run(ctx, input) {
    await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    for (const [i, memberId] of input.memberIds.entries()) {
      const member = await ctx.require('persons', memberId, `memberIds.${i}`, 'person');
      if (member.householdId !== null) {
        throw refused(
          'household.member-elsewhere',
          `memberIds.${i}`,
          `${member.displayName} already belongs to a household`,
        );
      }
    }
    const householdId = ctx.newId();
    await ctx.writer.append('household.formed', householdId, {
      householdId,
      facilityId: input.facilityId,
      name: input.name ?? null,
      memberIds: input.memberIds,
    });
    return { householdId };
  },
});

export const addSeparation = defineCommand({
  summary: 'Keep residents apart: they may not be housed in the same section',
  input: person.addSeparation,
  async run(ctx, input) {
    for (const [i, personId] of input.personIds.entries()) {
      await ctx.require('persons', personId, `personIds.${i}`, 'person');
    }
    const separationId = ctx.newId();
    await ctx.writer.append('separation.added', separationId, { separationId, ...input });
    return { separationId };
  },
});

export const liftSeparation = defineCommand({
  summary: 'Lift a separation, with a reason',
  input: person.liftSeparation,
  async run(ctx, input) {
    const separation = await ctx.require('separations', input.separationId, 'separationId', 'separation');
    if (separation.status !== 'active') {
      throw refused('separation.not-active', 'separationId', 'this separation was already lifted');
    }
    await ctx.writer.append('separation.lifted', input.separationId, input);
    return { separationId: input.separationId };
  },
});

export const recordRegisterEntry = defineCommand({
  summary: 'Record a request, complaint, disciplinary measure, injury or judicial step (Mandela Rule 8)',
  input: person.recordRegisterEntry,
  async run(ctx, input) {
    await ctx.require('persons', input.personId, 'personId', 'person');
    const entryId = ctx.newId();
    const { occurredAt, ...entry } = input;
    await ctx.writer.append(
      'register-entry.recorded',
      input.personId,
      { entryId, ...entry },
      ctx.occurredAt(occurredAt),
    );
    return { entryId };
  },
});

export const recordProtectionNote = defineCommand({
  summary: 'Record a child-protection note (assessment, best interests, care, services, tracing, concern)',
  input: person.recordProtectionNote,
  async run(ctx, input) {
    await ctx.require('persons', input.personId, 'personId', 'person');
    if (input.childCaseId !== undefined) {
      const childCase = await ctx.require(
        'childCases',
        input.childCaseId,
        'childCaseId',
        'child-protection case',
      );
      if (childCase.personId !== input.personId) {
        throw unprocessable('child-case.other-child', 'childCaseId', 'this case is about another child');
      }
    }
    const noteId = ctx.newId();
    const { occurredAt, ...note } = input;
    await ctx.writer.append(
      'protection-note.recorded',
      input.personId,
      { noteId, ...note },
      ctx.occurredAt(occurredAt),
    );
    return { noteId };
  },
});

export const registerBirthInput = z.strictObject({
  motherId: id,
  child: z.strictObject({
    names: person.identity.shape.names,
    sex: z.enum(['male', 'female']),
    nationalities: z.array(nationality).min(1).max(5).default(['unknown']),
    placeOfBirth: text(200).optional(),
  }),
  occurredAt: instant.optional(),
  reason: reason.default('birth in custody'),
  authority: text(200),
});

export const registerBirth = defineCommand({
  summary: 'Register a child born in custody, linked to the mother, where the mother is held',
  input: registerBirthInput,
  async run(ctx, input) {
    const mother = await ctx.require('persons', input.motherId, 'motherId', 'person');
    if (mother.sex !== 'female') {
      throw unprocessable('birth.mother-sex', 'motherId', `${mother.displayName} is not recorded as female`);
    }
    const place = await ctx.require('custody', input.motherId, 'motherId', 'person');
    if (place.status !== 'in-custody') {
      throw refused(
        'birth.mother-not-held',
        'motherId',
        `${mother.displayName} is not in custody (${place.status})`,
      );
    }
    const occurredAt = ctx.occurredAt(input.occurredAt);
    const personId = ctx.newId();
    const registrationNumber = await nextRegistrationNumber(ctx, place.facilityId!, 'motherId');
    await ctx.writer.append(
      'person.registered',
      personId,
      {
        personId,
        facilityId: place.facilityId!,
        registrationNumber,
        identity: person.identity.parse({
          ...input.child,
          birthDate: { date: occurredAt.slice(0, 10) },
          documents: [],
        }),
        householdId: mother.householdId,
      },
      occurredAt,
    );
    await ctx.writer.append(
      'custody.born',
      personId,
      {
        personId,
        facilityId: place.facilityId,
        sectionId: place.sectionId,
        motherId: mother.id,
        reason: input.reason,
        authority: input.authority,
      },
      occurredAt,
    );
    await ctx.writer.append(
      'family-link.added',
      mother.id,
      { linkId: ctx.newId(), personId: mother.id, relatedPersonId: personId, relation: 'mother' },
      occurredAt,
    );
    // The birth must reach the civil registry: the child's birth certificate is a task until done.
    await ctx.writer.append(
      'birth-registration.opened',
      personId,
      { personId, motherId: mother.id, facilityId: place.facilityId! },
      occurredAt,
    );
    return { personId, registrationNumber };
  },
});
