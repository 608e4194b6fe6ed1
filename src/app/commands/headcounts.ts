// Headcounts (SPEC 4): open a count, mark people present or report numbers per section, close it
// against the register as it stood at the opening, and resolve each discrepancy found.
import { CustodianError, type FieldError, refused, unprocessable } from '../../domain/errors.ts';
import type { EventPayloads } from '../../domain/events.ts';
import * as headcount from '../../domain/headcount.ts';
import { ELSEWHERE, placeKey, reconcile, sectionOfKey } from '../../domain/headcount.ts';
import { isValidRegistrationNumber } from '../../domain/person.ts';
import { type HeadcountRow, headcountSectionId, type PersonRow } from '../../domain/projection.ts';
import { personFacilities } from '../access.ts';
import { resolveCard } from '../cards.ts';
import { movedSince, timelines } from '../headcounts.ts';
import { type CommandContext, defineCommand } from './command.ts';
import { openIncident } from './incidents.ts';

async function openCount(
  ctx: CommandContext,
  input: { facilityId: string; kind: headcount.HeadcountKind; sectionIds?: (string | null)[] },
  recountOf: string | null,
) {
  await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
  const sections = await ctx.writer.view.list('sections', 'facilityId', input.facilityId);
  const chosen = input.sectionIds ?? [...sections.map((s) => s.id), null];
  for (const [i, sectionId] of chosen.entries()) {
    if (sectionId !== null && !sections.some((s) => s.id === sectionId)) {
      throw unprocessable('section.other-facility', `sectionIds.${i}`, 'no such section in this facility');
    }
  }
  // The register as it stands at the opening: the count is checked against it.
  await ctx.writer.view.flush();
  const state = await ctx.headcounts.holding(ctx.db, input.facilityId, chosen.map(placeKey));
  const perPlace = new Map<number, number>();
  for (const place of state.expected) perPlace.set(place, (perPlace.get(place) ?? 0) + 1);
  const headcountId = ctx.newId();
  await ctx.writer.append('headcount.opened', input.facilityId, {
    headcountId,
    facilityId: input.facilityId,
    kind: input.kind,
    sections: chosen.map((sectionId, place) => ({ sectionId, expected: perPlace.get(place) ?? 0 })),
    scope: input.sectionIds === undefined ? 'facility' : 'sections',
    recountOf,
  });
  ctx.headcounts.opened(headcountId, state);
  return { headcountId };
}

async function openHeadcountRow(ctx: CommandContext, headcountId: string): Promise<HeadcountRow> {
  const row = await ctx.require('headcounts', headcountId, 'headcountId', 'headcount');
  if (row.status !== 'open') {
    throw refused('headcount.closed', 'headcountId', `This headcount was closed at ${row.closedAt}`);
  }
  return row;
}

export const openHeadcount = defineCommand({
  summary: 'Open a headcount of a facility or of some of its sections, nominal or numeric',
  input: headcount.openHeadcount,
  run: (ctx, input) => openCount(ctx, input, null),
});

/** The person a mark names, following a merged duplicate to the record kept. */
async function markedPerson(
  ctx: CommandContext,
  mark: {
    personId?: string | undefined;
    registrationNumber?: string | undefined;
    cardCode?: string | undefined;
  },
  field: string,
  errors: FieldError[],
): Promise<PersonRow | undefined> {
  let person: PersonRow | undefined;
  if (mark.personId !== undefined) {
    person = await ctx.writer.view.get('persons', mark.personId);
    if (person === undefined) errors.push({ field: `${field}.personId`, message: 'no such person' });
  } else if (mark.registrationNumber !== undefined) {
    const number = mark.registrationNumber.toUpperCase();
    if (!isValidRegistrationNumber(number)) {
      errors.push({
        field: `${field}.registrationNumber`,
        message: `${mark.registrationNumber} is not a registration number (AAA-NNNNNN-C with its check digit): mistyped?`,
      });
      return undefined;
    }
    [person] = await ctx.writer.view.list('persons', 'registrationNumber', number);
    if (person === undefined) {
      errors.push({ field: `${field}.registrationNumber`, message: `nobody is registered as ${number}` });
    }
  } else if (mark.cardCode !== undefined) {
    // A forged, revoked or unreadable card counts nobody: the guard is told why.
    try {
      person = (await resolveCard(ctx.writer.view, ctx.db, mark.cardCode, { field: `${field}.cardCode` }))
        .person;
    } catch (error) {
      if (!(error instanceof CustodianError)) throw error;
      errors.push(...error.errors);
    }
  }
  while (person?.mergedInto != null) person = await ctx.writer.view.get('persons', person.mergedInto);
  return person;
}

export const recordMarks = defineCommand({
  summary: 'Mark people present in a nominal headcount (a resend of the same markId is recorded once)',
  input: headcount.recordMarks,
  groupCommit: true,
  async run(ctx, input) {
    const row = await openHeadcountRow(ctx, input.headcountId);
    if (row.kind !== 'nominal') {
      throw refused(
        'headcount.numeric',
        'headcountId',
        'This is a numeric count: report a number per section',
      );
    }
    await ctx.writer.view.flush();
    const state = await ctx.headcounts.state(ctx.db, row);
    const errors: FieldError[] = [];
    const marks: EventPayloads['headcount.marked']['marks'] = [];
    const results: {
      markId: string;
      personId: string;
      registrationNumber: string;
      displayName: string | null;
      outcome: 'counted' | 'counted-twice' | 'already-recorded';
      firstCount?: { sectionId: string | null; by: string; at: string };
    }[] = [];
    const firstInBatch = new Map<string, { sectionId: string | null; at: string }>();
    for (const [i, mark] of input.marks.entries()) {
      const field = `marks.${i}`;
      if (!state.placeNumbers.has(placeKey(mark.sectionId))) {
        errors.push({ field: `${field}.sectionId`, message: 'this section is not part of this headcount' });
        continue;
      }
      const person = await markedPerson(ctx, mark, field, errors);
      if (person === undefined) continue;
      // Names only of people this facility answers for; of anyone else, the number the guard already has.
      const known =
        state.isExpected(person.id) ||
        ((await personFacilities(ctx.writer.view, person.id))?.includes(row.facilityId) ?? false);
      const answer = {
        markId: mark.markId,
        personId: person.id,
        registrationNumber: person.registrationNumber,
        displayName: known ? person.displayName : null,
      };
      const earlier = await ctx.writer.view.get('headcountMarks', mark.markId);
      if (earlier !== undefined) {
        if (earlier.headcountId !== row.id || earlier.personId !== person.id) {
          errors.push({ field: `${field}.markId`, message: 'this markId was already used for another mark' });
        } else {
          results.push({ ...answer, outcome: 'already-recorded' });
        }
        continue;
      }
      const markedAt = ctx.occurredAt(mark.markedAt, `${field}.markedAt`);
      const first = state.firstMarkOf(person.id);
      const firstHere = firstInBatch.get(person.id);
      const outcome = first === undefined && firstHere === undefined ? 'counted' : 'counted-twice';
      if (outcome === 'counted') firstInBatch.set(person.id, { sectionId: mark.sectionId, at: markedAt });
      marks.push({
        markId: mark.markId,
        personId: person.id,
        sectionId: mark.sectionId,
        method: mark.method,
        markedAt,
        outcome,
      });
      let firstCount: { sectionId: string | null; by: string; at: string } | undefined;
      if (first !== undefined) {
        const firstRow = await ctx.writer.view.get('headcountMarks', state.markIds[first]!);
        firstCount = { sectionId: firstRow!.sectionId, by: firstRow!.markedBy, at: firstRow!.markedAt };
      } else if (firstHere !== undefined) {
        firstCount = { ...firstHere, by: ctx.actor };
      }
      results.push({ ...answer, outcome, ...(firstCount ? { firstCount } : {}) });
    }
    if (errors.length > 0) {
      throw new CustodianError(
        'headcount.marks-refused',
        'unprocessable',
        `No mark was recorded: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
        errors,
      );
    }
    if (marks.length > 0) {
      const event = await ctx.writer.append('headcount.marked', row.id, { headcountId: row.id, marks });
      for (const m of marks) state.mark(m.markId, m.personId, placeKey(m.sectionId), event.position);
    }
    return { headcountId: row.id, results };
  },
});

export const recordSectionCount = defineCommand({
  summary: 'Report the number of people counted in a section (numeric headcount)',
  input: headcount.recordSectionCount,
  async run(ctx, input) {
    const row = await openHeadcountRow(ctx, input.headcountId);
    if (row.kind !== 'numeric') {
      throw refused('headcount.nominal', 'headcountId', 'This is a nominal count: mark each person present');
    }
    const section = await ctx.writer.view.get(
      'headcountSections',
      headcountSectionId(row.id, input.sectionId),
    );
    if (section === undefined) {
      throw unprocessable('headcount.section', 'sectionId', 'this section is not part of this headcount');
    }
    await ctx.writer.append('headcount.section-counted', row.id, input);
    return { headcountId: row.id };
  },
});

export const closeHeadcount = defineCommand({
  summary: 'Close a headcount: reconcile it with the register as it stood when it opened',
  input: headcount.closeHeadcount,
  async run(ctx, input) {
    const row = await openHeadcountRow(ctx, input.headcountId);
    await ctx.writer.view.flush();
    const state = await ctx.headcounts.state(ctx.db, row);
    const sections = await ctx.writer.view.list('headcountSections', 'headcountId', row.id);
    if (row.kind === 'numeric') {
      const missing = sections.filter((s) => s.reported === null);
      if (missing.length > 0) {
        throw refused(
          'headcount.sections-not-reported',
          'headcountId',
          `No number was reported for ${missing.length} section(s) of this count`,
        );
      }
    }
    const found = reconcile({
      expected: state.expected,
      moved: timelines(state, await movedSince(ctx.db, ctx.dialect, row.openPosition)),
      marks: state.marks,
      reported: sections
        .filter((s) => s.reported !== null)
        .map((s) => ({
          place: state.placeNumbers.get(placeKey(s.sectionId))!,
          count: s.reported!,
          position: s.reportedPosition!,
        })),
      closedAt: Number.MAX_SAFE_INTEGER,
    });
    const section = (place: number) => (place === ELSEWHERE ? null : sectionOfKey(state.places[place]!));
    const personOf = (mark: number) => state.people[state.marks.person[mark]!]!;
    const placeOf = (mark: number) => section(state.marks.place[mark]!);
    const discrepancies: EventPayloads['headcount.closed']['discrepancies'] = [];
    const add = (d: Omit<(typeof discrepancies)[number], 'discrepancyId' | 'expected' | 'reported'>) =>
      discrepancies.push({ discrepancyId: ctx.newId(), expected: null, reported: null, ...d });
    for (const m of found.missing) {
      add({
        kind: 'missing',
        personId: state.people[m.person]!,
        sectionId: section(m.place),
        countedSectionId: null,
      });
    }
    for (const u of found.unexpected) {
      add({
        kind: 'unexpected',
        personId: personOf(u.mark),
        sectionId: null,
        countedSectionId: placeOf(u.mark),
      });
    }
    for (const w of found.wrongSection) {
      add({
        kind: 'wrong-section',
        personId: personOf(w.mark),
        sectionId: section(w.place),
        countedSectionId: placeOf(w.mark),
      });
    }
    for (const t of found.countedTwice) {
      add({
        kind: 'counted-twice',
        personId: personOf(t.mark),
        sectionId: placeOf(t.first),
        countedSectionId: placeOf(t.mark),
      });
    }
    for (const d of found.sectionDifferences) {
      discrepancies.push({
        discrepancyId: ctx.newId(),
        kind: 'section-difference',
        personId: null,
        sectionId: section(d.place),
        countedSectionId: null,
        expected: d.expected,
        reported: d.reported,
      });
    }
    await ctx.writer.append('headcount.closed', row.id, { headcountId: row.id, discrepancies });
    ctx.headcounts.closed(row.id);
    const counts = {
      missing: 0,
      unexpected: 0,
      'wrong-section': 0,
      'counted-twice': 0,
      'section-difference': 0,
    };
    for (const d of discrepancies) counts[d.kind]++;
    return { headcountId: row.id, discrepancies: counts };
  },
});

export const orderRecount = defineCommand({
  summary: 'Open a nominal recount of one section of a closed headcount',
  input: headcount.orderRecount,
  async run(ctx, input) {
    const row = await ctx.require('headcounts', input.headcountId, 'headcountId', 'headcount');
    const section = await ctx.writer.view.get(
      'headcountSections',
      headcountSectionId(row.id, input.sectionId),
    );
    if (section === undefined) {
      throw unprocessable('headcount.section', 'sectionId', 'this section is not part of this headcount');
    }
    return openCount(
      ctx,
      { facilityId: row.facilityId, kind: 'nominal', sectionIds: [input.sectionId] },
      row.id,
    );
  },
});

async function openDiscrepancy(ctx: CommandContext, discrepancyId: string, field: string) {
  const d = await ctx.require('discrepancies', discrepancyId, field, 'discrepancy');
  if (d.status !== 'open') {
    throw refused(
      'discrepancy.resolved',
      field,
      `This discrepancy was resolved (${d.resolution}) at ${d.resolvedAt}`,
    );
  }
  return d;
}

export const resolveDiscrepancy = defineCommand({
  summary: 'Resolve a discrepancy of a headcount: found on recount, located, or a record error',
  input: headcount.resolveDiscrepancy,
  async run(ctx, input) {
    const d = await openDiscrepancy(ctx, input.discrepancyId, 'discrepancyId');
    if (input.resolution === 'located' && d.personId === null) {
      throw unprocessable(
        'discrepancy.no-person',
        'resolution',
        'a section difference names nobody to locate',
      );
    }
    const { discrepancyId, resolution, reason, located, correction } = input;
    await ctx.writer.append('discrepancy.resolved', d.headcountId, {
      discrepancyId,
      resolution,
      reason,
      ...(located ? { located } : {}),
      ...(correction ? { correction } : {}),
    });
    return { discrepancyId, status: 'resolved' as const };
  },
});

export const declareEscape = defineCommand({
  summary: 'Declare people missing at a headcount escaped: one escape incident, each person `escaped`',
  input: headcount.declareEscape,
  async run(ctx, input) {
    const row = await ctx.require('headcounts', input.headcountId, 'headcountId', 'headcount');
    const occurredAt = ctx.occurredAt(input.occurredAt);
    const personIds: string[] = [];
    for (const [i, discrepancyId] of input.discrepancyIds.entries()) {
      const field = `discrepancyIds.${i}`;
      const d = await openDiscrepancy(ctx, discrepancyId, field);
      if (d.headcountId !== row.id || d.kind !== 'missing') {
        throw unprocessable(
          'discrepancy.not-missing',
          field,
          'only people missing at this headcount can be declared escaped',
        );
      }
      personIds.push(d.personId!);
    }
    const { incidentId } = await openIncident(
      ctx,
      {
        type: 'escape',
        facilityId: row.facilityId,
        occurredAt,
        precision: 'minute',
        location: {},
        summary: input.reason,
        people: personIds.map((personId) => ({ personId, role: 'escapee' as const })),
        links: [],
        details: {
          scale: personIds.length === 1 ? 'individual' : 'group',
          authority: input.authority,
        },
      },
      row.id,
    );
    for (const discrepancyId of input.discrepancyIds) {
      await ctx.writer.append('discrepancy.resolved', row.id, {
        discrepancyId,
        resolution: 'declared-escape',
        reason: input.reason,
        incidentId,
      });
    }
    return { incidentId, personIds };
  },
});
