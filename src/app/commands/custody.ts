// The custody command: checks place, section, separations and order, then appends one custody event.
import { z } from 'zod';
import type { SeparatingMovement } from '../../domain/case-table.ts';
import { carersLeftBehind } from '../../domain/cases.ts';
import { id, reason, text } from '../../domain/common.ts';
import {
  byOccurrence,
  type CustodyEventInput,
  type CustodyFact,
  foldCustody,
  recordCustodyEvent,
} from '../../domain/custody.ts';
import { CustodianError, refused, unprocessable } from '../../domain/errors.ts';
import type { CustodyPayload } from '../../domain/events.ts';
import { categoryOn, isMinorOn } from '../../domain/person.ts';
import type { CustodyRow, PersonRow } from '../../domain/projection.ts';
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

/** A child's registered carers: mother or guardian by family link, and the adults of their household. */
async function registeredCarers(ctx: CommandContext, child: PersonRow, on: string): Promise<PersonRow[]> {
  const view = ctx.writer.view;
  const linked = (await view.list('familyLinks', 'relatedPersonId', child.id))
    .filter((l) => l.relation === 'mother' || l.relation === 'guardian')
    .map((l) => l.personId);
  const household =
    child.householdId === null
      ? []
      : (await view.list('persons', 'householdId', child.householdId))
          .filter((p) => p.id !== child.id && !isMinorOn(p.birthDate, on))
          .map((p) => p.id);
  const carers: PersonRow[] = [];
  for (const carerId of new Set([...linked, ...household])) {
    const carer = await view.get('persons', carerId);
    if (carer !== undefined && carer.mergedInto === null) carers.push(carer);
  }
  return carers;
}

/**
 * The rule of issue 8, point 4: a transfer or handover of a child that leaves a registered carer behind
 * is refused unless a child-protection officer approved this movement with a best-interests reason.
 * Answers the approval used, if one was needed.
 */
async function checkChildSeparation(
  ctx: CommandContext,
  child: PersonRow,
  current: CustodyRow,
  movement: SeparatingMovement,
  on: string,
): Promise<string | undefined> {
  if (!isMinorOn(child.birthDate, on.slice(0, 10))) return undefined;
  const carers = await registeredCarers(ctx, child, on.slice(0, 10));
  const withPlaces = [];
  for (const carer of carers) {
    const place = await ctx.writer.view.get('custody', carer.id);
    if (place !== undefined) withPlaces.push({ carer, place });
  }
  const behind = carersLeftBehind(current, withPlaces);
  if (behind.length === 0) return undefined;
  const approval = (await ctx.writer.view.list('childSeparationApprovals', 'personId', child.id)).find(
    (a) => a.movement === movement && a.usedByEventId === null,
  );
  if (approval !== undefined) return approval.id;
  throw refused(
    'custody.child-separation',
    'personId',
    `${child.displayName} is a child and this ${movement} would separate them from ${behind
      .map((b) => b.carer.displayName)
      .join(', ')}, who stays at the facility. Move the carer first, or a child-protection officer ` +
      'must approve this movement with a best-interests reason.',
  );
}

export const recordCustody = defineCommand({
  summary:
    'Record a custody event: admission, move, transfer, handover, release, escape, death, correction...',
  input: recordCustodyEvent,
  async run(ctx, input: CustodyEventInput) {
    const person = await ctx.require('persons', input.personId, 'personId', 'person');
    const current = await ctx.require('custody', input.personId, 'personId', 'person');
    const occurredAt = ctx.occurredAt(input.occurredAt);
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
          await place(
            ctx,
            person,
            current.facilityId,
            payload.sectionId,
            input.separationOverride,
            occurredAt,
          );
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
          throw unprocessable(
            'transfer.due-before-start',
            'dueAt',
            'the transfer must be due after it starts',
          );
        }
        break;
      case 'corrected':
        await checkCorrection(ctx, input.personId, input.correctsEventId);
        break;
    }
    if (input.type === 'transfer-started' || input.type === 'handed-over') {
      const approvalId = await checkChildSeparation(ctx, person, current, input.type, occurredAt);
      if (approvalId !== undefined) payload.childSeparationApprovalId = approvalId;
    }
    const event = await ctx.writer.append(`custody.${type}`, input.personId, payload, occurredAt);
    const state = await ctx.writer.view.get('custody', input.personId);
    return {
      eventId: event.id,
      personId: input.personId,
      status: state!.status,
      facilityId: state!.facilityId,
      sectionId: state!.sectionId,
    };
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
