// The custody commands: check place, section, separations and order, then append custody events (a
// household's in one transaction); the child separation rule is judged when the transaction closes.
import { z } from 'zod';
import { type SeparatingMovement, separatingMovements } from '../../domain/case-table.ts';
import { together } from '../../domain/cases.ts';
import { id, reason, text } from '../../domain/common.ts';
import {
  byOccurrence,
  type CustodyEventInput,
  type CustodyFact,
  foldCustody,
  type HouseholdCustodyEventInput,
  recordCustodyEvent,
  recordHouseholdCustodyEvent,
} from '../../domain/custody.ts';
import { CustodianError, refused, unprocessable } from '../../domain/errors.ts';
import type { CustodyPayload } from '../../domain/events.ts';
import { categoryOn, isMinorOn } from '../../domain/person.ts';
import type { PersonRow } from '../../domain/projection.ts';
import { type CommandContext, defineCommand } from './command.ts';

/** Checks that a section belongs to the facility and may hold this person's category. */
async function checkSection(
  ctx: CommandContext,
  person: PersonRow,
  facilityId: string,
  sectionId: string,
  on: string,
) {
  const section = await ctx.require('sections', sectionId, 'sectionId', 'section');
  if (section.facilityId !== facilityId) {
    throw unprocessable(
      'section.other-facility',
      'sectionId',
      `Section ${section.code} belongs to another facility`,
    );
  }
  const category = categoryOn(person.sex as 'male' | 'female', person.birthDate, on.slice(0, 10));
  if (!section.categories.includes(category)) {
    throw refused(
      'section.category',
      'sectionId',
      `Section ${section.code} holds ${section.categories.join(', ')}; ${person.displayName} is a ${category}`,
    );
  }
}

/** Refuses to house a person in a section with someone they must be kept apart from, unless overridden. */
async function checkSeparations(
  ctx: CommandContext,
  person: PersonRow,
  facilityId: string,
  sectionId: string,
  override: string | undefined,
) {
  if (override !== undefined) return;
  for (const membership of await ctx.writer.view.list('separationMembers', 'personId', person.id)) {
    const separation = await ctx.writer.view.get('separations', membership.separationId);
    if (separation?.status !== 'active') continue;
    for (const other of await ctx.writer.view.list(
      'separationMembers',
      'separationId',
      membership.separationId,
    )) {
      if (other.personId === person.id) continue;
      const place = await ctx.writer.view.get('custody', other.personId);
      if (
        place?.status === 'in-custody' &&
        place.facilityId === facilityId &&
        place.sectionId === sectionId
      ) {
        const name = (await ctx.writer.view.get('persons', other.personId))?.displayName ?? other.personId;
        throw refused(
          'custody.separation-breached',
          'sectionId',
          `${person.displayName} must be kept apart from ${name}, who is held in that section ` +
            `(separation: ${separation.reason}). A commander may override with separationOverride and a reason.`,
        );
      }
    }
  }
}

async function place(
  ctx: CommandContext,
  person: PersonRow,
  facilityId: string,
  sectionId: string | null,
  override: string | undefined,
  on: string,
) {
  if (sectionId === null) return;
  await checkSection(ctx, person, facilityId, sectionId, on);
  await checkSeparations(ctx, person, facilityId, sectionId, override);
}

/** Refuses a correction that would leave the person's remaining custody history inconsistent. */
async function checkCorrection(ctx: CommandContext, personId: string, correctsEventId: string) {
  const target = await ctx.require('custodyHistory', correctsEventId, 'correctsEventId', 'custody event');
  if (target.personId !== personId) {
    throw unprocessable(
      'correction.other-person',
      'correctsEventId',
      'that custody event concerns another person',
    );
  }
  if (target.voidedBy !== null)
    throw refused('correction.already-void', 'correctsEventId', 'that event was already corrected');
  if (target.type === 'corrected' || target.type === 'born') {
    throw refused('correction.not-correctable', 'correctsEventId', `a ${target.type} event cannot be voided`);
  }
  const remaining = (await ctx.writer.view.list('custodyHistory', 'personId', personId))
    .filter((h) => h.voidedBy === null && h.type !== 'corrected' && h.id !== correctsEventId)
    .sort(byOccurrence);
  try {
    foldCustody(
      remaining.map((h) => ({
        fact: { ...h.details, type: h.type } as CustodyFact,
        occurredAt: h.occurredAt,
      })),
    );
  } catch (error) {
    if (!(error instanceof CustodianError)) throw error;
    throw refused(
      'correction.breaks-history',
      'correctsEventId',
      `Voiding this ${target.type} event would leave the custody record inconsistent: ${error.message}`,
    );
  }
}

/** People by id, leaving out those merged into another record. */
async function living(ctx: CommandContext, ids: Iterable<string>): Promise<PersonRow[]> {
  const found: PersonRow[] = [];
  for (const personId of new Set(ids)) {
    const person = await ctx.writer.view.get('persons', personId);
    if (person !== undefined && person.mergedInto === null) found.push(person);
  }
  return found;
}

/** The other members of a person's household who are children (`minor`) or adults on `day`. */
async function householdOf(ctx: CommandContext, person: PersonRow, day: string, minor: boolean) {
  if (person.householdId === null) return [];
  return (await ctx.writer.view.list('persons', 'householdId', person.householdId))
    .filter((p) => p.id !== person.id && isMinorOn(p.birthDate, day) === minor)
    .map((p) => p.id);
}

const carerRelations = new Set(['mother', 'guardian']);

/** A child's registered carers: mother or guardian by family link, and the adults of their household. */
async function registeredCarers(ctx: CommandContext, child: PersonRow, day: string): Promise<PersonRow[]> {
  const linked = (await ctx.writer.view.list('familyLinks', 'relatedPersonId', child.id))
    .filter((l) => carerRelations.has(l.relation))
    .map((l) => l.personId);
  return living(ctx, [...linked, ...(await householdOf(ctx, child, day, false))]);
}

/** The children an adult is a registered carer of: by family link as mother or guardian, and in their household. */
async function childrenCaredFor(ctx: CommandContext, carer: PersonRow, day: string): Promise<PersonRow[]> {
  const linked = (await ctx.writer.view.list('familyLinks', 'personId', carer.id))
    .filter((l) => carerRelations.has(l.relation))
    .map((l) => l.relatedPersonId);
  const children = await living(ctx, [...linked, ...(await householdOf(ctx, carer, day, true))]);
  return children.filter((c) => isMinorOn(c.birthDate, day));
}

/** A movement of a child or of their carer, and the field of the command that asked for it. */
interface Movement {
  type: SeparatingMovement;
  mover: PersonRow;
  field: string;
  eventId: string;
  occurredAt: string;
}

/**
 * The separation rule of issue 8, point 4, on one child and one registered carer who were together when
 * a movement of either began in this transaction: when the transaction closes they must be together
 * again (see `together`), or a child-protection officer's approval of one of those movements must cover
 * it — the approval is then used, by an event that names the movement. Otherwise the whole transaction
 * is refused. Judged at the close so that a household moves together in one transaction, in any order.
 */
function separationCheck(ctx: CommandContext, child: PersonRow, carer: PersonRow) {
  const view = ctx.writer.view;
  const movements: Movement[] = [];
  return {
    movements,
    async check() {
      const [childPlace, carerPlace] = await Promise.all([
        view.get('custody', child.id),
        view.get('custody', carer.id),
      ]);
      if (together(childPlace!, carerPlace!)) return;
      const approvals = await view.list('childSeparationApprovals', 'personId', child.id);
      const eventIds = new Set(movements.map((m) => m.eventId));
      // One movement may part a child from several carers: its approval covers each of them.
      if (approvals.some((a) => a.usedByEventId !== null && eventIds.has(a.usedByEventId))) return;
      for (const movement of [...movements].reverse()) {
        const approval = approvals.find((a) => a.movement === movement.type && a.usedByEventId === null);
        if (approval === undefined) continue;
        await ctx.writer.append(
          'child-separation.approval-used',
          child.id,
          {
            approvalId: approval.id,
            personId: child.id,
            eventId: movement.eventId,
          },
          movement.occurredAt,
        );
        return;
      }
      const last = movements.at(-1)!;
      throw refused(
        'custody.child-separation',
        last.field,
        (last.mover.id === child.id
          ? `${child.displayName} is a child and their ${last.type} would separate them from ${carer.displayName}, a registered carer. `
          : `${carer.displayName}'s ${last.type} would leave ${child.displayName}, a child in their care, apart from them. `) +
          'Move the household together (in one request), or a child-protection officer must approve this ' +
          'movement with a best-interests reason.',
      );
    },
  };
}

/**
 * Before a movement that can part a child from a carer: each pair of a child and a registered carer it
 * concerns who are together now is judged when the transaction closes. Answers the movement, whose
 * `eventId` the caller sets once the event is appended.
 */
async function watchSeparations(
  ctx: CommandContext,
  person: PersonRow,
  type: SeparatingMovement,
  field: string,
  on: string,
): Promise<Movement> {
  const day = on.slice(0, 10);
  const movement: Movement = { type, mover: person, field, eventId: '', occurredAt: on };
  const pairs = isMinorOn(person.birthDate, day)
    ? (await registeredCarers(ctx, person, day)).map((carer) => [person, carer] as const)
    : (await childrenCaredFor(ctx, person, day)).map((child) => [child, person] as const);
  for (const [child, carer] of pairs) {
    const [childPlace, carerPlace] = await Promise.all([
      ctx.writer.view.get('custody', child.id),
      ctx.writer.view.get('custody', carer.id),
    ]);
    if (childPlace === undefined || carerPlace === undefined || !together(childPlace, carerPlace)) continue;
    ctx.writer
      .atClose(`child-separation:${child.id}:${carer.id}`, () => separationCheck(ctx, child, carer))
      .movements.push(movement);
  }
  return movement;
}

const separating: ReadonlySet<string> = new Set(separatingMovements);

/**
 * Records one custody event. `movementField` names the person in the caller's input (a household's or a
 * case's member): the separation rule, judged when the transaction closes, names it.
 */
export async function applyCustody(
  ctx: CommandContext,
  input: CustodyEventInput,
  movementField = 'personId',
) {
  const person = await ctx.require('persons', input.personId, 'personId', 'person');
  const current = await ctx.require('custody', input.personId, 'personId', 'person');
  const occurredAt = ctx.occurredAt(input.occurredAt, 'occurredAt');
  const { type, occurredAt: _given, ...details } = input;
  const payload: CustodyPayload = { ...details };
  switch (input.type) {
    case 'admitted':
    case 'recaptured':
    case 'transfer-received':
      await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
      await place(ctx, person, input.facilityId, input.sectionId, input.separationOverride, occurredAt);
      break;
    case 'moved':
      if (current.facilityId !== null) {
        await place(ctx, person, current.facilityId, input.sectionId, input.separationOverride, occurredAt);
      }
      break;
    case 'returned':
      if (current.facilityId !== null) {
        payload.sectionId = input.sectionId ?? current.sectionId;
        await place(ctx, person, current.facilityId, payload.sectionId, input.separationOverride, occurredAt);
      }
      break;
    case 'transfer-started':
      await ctx.require('facilities', input.toFacilityId, 'toFacilityId', 'facility');
      if (input.toFacilityId === current.facilityId) {
        throw unprocessable(
          'transfer.same-facility',
          'toFacilityId',
          'a transfer goes to another facility; use moved within one',
        );
      }
      if (input.dueAt <= occurredAt) {
        throw unprocessable('transfer.due-before-start', 'dueAt', 'the transfer must be due after it starts');
      }
      break;
    case 'corrected':
      await checkCorrection(ctx, input.personId, input.correctsEventId);
      break;
  }
  const movement = separating.has(type)
    ? await watchSeparations(ctx, person, type as SeparatingMovement, movementField, occurredAt)
    : undefined;
  const event = await ctx.writer.append(`custody.${type}`, input.personId, payload, occurredAt);
  if (movement !== undefined) movement.eventId = event.id;
  const state = await ctx.writer.view.get('custody', input.personId);
  return {
    eventId: event.id,
    personId: input.personId,
    status: state!.status,
    facilityId: state!.facilityId,
    sectionId: state!.sectionId,
  };
}

export const recordCustody = defineCommand({
  summary:
    'Record a custody event: admission, move, transfer, handover, release, escape, death, correction...',
  input: recordCustodyEvent,
  run: (ctx, input: CustodyEventInput) => applyCustody(ctx, input),
});

/** A refusal of one member's event in a command that moves several people: it names the member. */
export function ofMember(error: unknown, member: PersonRow, field: (field: string) => string): unknown {
  if (!(error instanceof CustodianError)) return error;
  return new CustodianError(
    error.id,
    error.kind,
    `${member.displayName}: ${error.message}`,
    error.errors.map((e) => ({ field: field(e.field), message: `${member.displayName}: ${e.message}` })),
  );
}

export const recordHouseholdCustody = defineCommand({
  summary:
    'Record the same custody event for the members of a household in one transaction, adults first, all or none',
  input: recordHouseholdCustodyEvent,
  async run(ctx, input: HouseholdCustodyEventInput) {
    const household = await ctx.require('households', input.householdId, 'householdId', 'household');
    const { householdId, memberIds, ...event } = input;
    const inHousehold = await ctx.writer.view.list('persons', 'householdId', household.id);
    let members: PersonRow[];
    if (memberIds === undefined) {
      members = [];
      for (const p of inHousehold) {
        const place = await ctx.writer.view.get('custody', p.id);
        if (p.mergedInto === null && (place?.status === 'in-custody' || place?.status === 'in-transit')) {
          members.push(p);
        }
      }
      if (members.length === 0) {
        throw unprocessable('household.none-held', 'householdId', 'no member of this household is held');
      }
    } else {
      members = memberIds.map((personId, i) => {
        const member = inHousehold.find((p) => p.id === personId);
        if (member === undefined) {
          throw unprocessable(
            'household.not-a-member',
            `memberIds.${i}`,
            'this person is not of the household',
          );
        }
        return member;
      });
    }
    const fieldOf = (member: PersonRow) => {
      const i = memberIds?.indexOf(member.id) ?? -1;
      return i < 0 ? 'householdId' : `memberIds.${i}`;
    };
    // Adults first, as people are walked out; the separation rule is judged when all have moved.
    const day = ctx.occurredAt(event.occurredAt).slice(0, 10);
    members.sort((a, b) => Number(isMinorOn(a.birthDate, day)) - Number(isMinorOn(b.birthDate, day)));
    const recorded = [];
    for (const member of members) {
      const custody = { ...event, personId: member.id } as CustodyEventInput;
      try {
        recorded.push(await applyCustody(ctx, custody, fieldOf(member)));
      } catch (error) {
        throw ofMember(error, member, (field) => (field === 'personId' ? fieldOf(member) : field));
      }
    }
    return { householdId, members: recorded };
  },
});

export const dispatchNotificationsInput = z.strictObject({
  notificationIds: z.array(id).min(1).max(1000),
  channel: z.enum(['national-information-bureau', 'icrc-central-tracing-agency', 'other']),
  reference: text(200),
  note: reason.optional(),
});

export const dispatchNotifications = defineCommand({
  summary: 'Record that queued Geneva IV art. 136 notifications were sent to the bureau or the ICRC',
  input: dispatchNotificationsInput,
  async run(ctx, input) {
    for (const [i, notificationId] of input.notificationIds.entries()) {
      const n = await ctx.require('notifications', notificationId, `notificationIds.${i}`, 'notification');
      if (n.status !== 'queued') {
        throw refused(
          'notification.already-dispatched',
          `notificationIds.${i}`,
          `notification ${notificationId} was already dispatched`,
        );
      }
    }
    await ctx.writer.append('notification.dispatched', input.notificationIds[0]!, {
      notificationIds: input.notificationIds,
      channel: input.channel,
      reference: input.reference,
    });
    return { dispatched: input.notificationIds.length };
  },
});
