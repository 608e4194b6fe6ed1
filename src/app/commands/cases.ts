// Cases (SPEC 6): repatriation cases through their status machine to completion, which records each
// member's custody event in the same transaction; child-protection cases; approvals of movements that
// separate a child from their carer; birth registrations.
import type { caseStatuses } from '../../domain/case-table.ts';
import * as cases from '../../domain/cases.ts';
import { checkCaseTransition } from '../../domain/cases.ts';
import { recordCustodyEvent } from '../../domain/custody.ts';
import { refused, unprocessable } from '../../domain/errors.ts';
import { isMinorOn } from '../../domain/person.ts';
import type { CaseRow, PersonRow } from '../../domain/projection.ts';
import { type CommandContext, defineCommand, parseInput } from './command.ts';
import { applyCustody, ofMember } from './custody.ts';

/** Cases still under way: a person is in one of them at most. */
const closedStatuses = new Set<string>(['completed', 'refused']);

async function caseMembers(ctx: CommandContext, caseId: string): Promise<PersonRow[]> {
  const members = await ctx.writer.view.list('caseMembers', 'caseId', caseId);
  const rows: PersonRow[] = [];
  for (const m of members) rows.push(await ctx.require('persons', m.personId, 'caseId', 'person'));
  return rows;
}

export const openCase = defineCommand({
  summary: 'Open a repatriation case for people or a household, for one country',
  input: cases.openCase,
  async run(ctx, input) {
    const memberIds = [...(input.memberIds ?? [])];
    if (input.householdId !== undefined) {
      await ctx.require('households', input.householdId, 'householdId', 'household');
      for (const p of await ctx.writer.view.list('persons', 'householdId', input.householdId)) {
        const place = await ctx.writer.view.get('custody', p.id);
        if (p.mergedInto === null && place?.status === 'in-custody' && !memberIds.includes(p.id)) {
          memberIds.push(p.id);
        }
      }
    }
    if (memberIds.length === 0) {
      throw unprocessable('case.no-members', 'householdId', 'nobody of this household is in custody');
    }
    let facilityId: string | null = null;
    for (const [i, personId] of memberIds.entries()) {
      const field = input.memberIds?.includes(personId) ? `memberIds.${i}` : 'householdId';
      const person = await ctx.require('persons', personId, field, 'person');
      const place = await ctx.require('custody', personId, field, 'person');
      if (place.status !== 'in-custody') {
        throw refused(
          'case.member-not-held',
          field,
          `${person.displayName} is not in custody (${place.status})`,
        );
      }
      facilityId ??= place.facilityId;
      for (const membership of await ctx.writer.view.list('caseMembers', 'personId', personId)) {
        const other = await ctx.writer.view.get('cases', membership.caseId);
        if (other !== undefined && !closedStatuses.has(other.status)) {
          throw refused(
            'case.member-in-open-case',
            field,
            `${person.displayName} is already in a case for ${other.country} (${other.status})`,
          );
        }
      }
    }
    const caseId = ctx.newId();
    await ctx.writer.append(
      'case.opened',
      caseId,
      {
        caseId,
        country: input.country,
        facilityId: facilityId!,
        householdId: input.householdId ?? null,
        memberIds,
        status: input.status,
        reason: input.reason,
      },
      ctx.occurredAt(input.occurredAt),
    );
    return { caseId, memberIds, status: input.status };
  },
});

async function openCaseRow(ctx: CommandContext, caseId: string): Promise<CaseRow> {
  return ctx.require('cases', caseId, 'caseId', 'case');
}

function decisionTime(ctx: CommandContext, found: CaseRow, given: string | undefined): string {
  const at = ctx.occurredAt(given);
  if (at < found.statusSince) {
    throw unprocessable(
      'case.out-of-order',
      'occurredAt',
      `occurredAt ${at} is earlier than the case's last decision (${found.statusSince})`,
    );
  }
  return at;
}

export const decideCase = defineCommand({
  summary: 'Record a decision on a repatriation case: requested, under review, accepted, refused, scheduled',
  input: cases.decideCase,
  async run(ctx, input) {
    const found = await openCaseRow(ctx, input.caseId);
    checkCaseTransition(found.status as (typeof caseStatuses)[number], input.status);
    const at = decisionTime(ctx, found, input.occurredAt);
    await ctx.writer.append(
      'case.status-changed',
      input.caseId,
      { caseId: input.caseId, from: found.status as never, status: input.status, reason: input.reason },
      at,
    );
    return { caseId: input.caseId, status: input.status };
  },
});

export const completeCase = defineCommand({
  summary:
    'Complete a scheduled case: each member is repatriated (or handed over) in the same transaction, all or none',
  input: cases.completeCase,
  async run(ctx, input) {
    const found = await openCaseRow(ctx, input.caseId);
    checkCaseTransition(found.status as (typeof caseStatuses)[number], 'completed');
    if (input.completion === 'handed-over' && input.toAuthority === undefined) {
      throw unprocessable(
        'case.authority-required',
        'toAuthority',
        'name the authority the members are handed to',
      );
    }
    const at = decisionTime(ctx, found, input.occurredAt);
    await ctx.writer.append(
      'case.status-changed',
      input.caseId,
      {
        caseId: input.caseId,
        from: found.status as never,
        status: 'completed',
        reason: input.reason,
        completion: input.completion,
        ...(input.toAuthority !== undefined ? { toAuthority: input.toAuthority } : {}),
      },
      at,
    );
    // Adults first: a child then leaves with their carer, not away from them (the separation rule).
    const day = at.slice(0, 10);
    const members = (await caseMembers(ctx, input.caseId)).sort(
      (a, b) => Number(isMinorOn(a.birthDate, day)) - Number(isMinorOn(b.birthDate, day)),
    );
    const eventIds: string[] = [];
    for (const [i, member] of members.entries()) {
      const common = {
        personId: member.id,
        reason: input.reason,
        authority: input.authority,
        occurredAt: at,
      };
      const custody = parseInput(
        recordCustodyEvent,
        input.completion === 'repatriated'
          ? { type: 'repatriated', ...common, country: found.country }
          : { type: 'handed-over', ...common, toAuthority: input.toAuthority, country: found.country },
        `members.${i}`,
      );
      try {
        eventIds.push((await applyCustody(ctx, custody, `members.${i}.personId`)).eventId);
      } catch (error) {
        // The whole completion is refused: name the member who stops it.
        throw ofMember(error, member, (field) => `members.${i}.${field}`);
      }
    }
    return { caseId: input.caseId, status: 'completed' as const, custodyEventIds: eventIds };
  },
});

export const recordCaseEntry = defineCommand({
  summary: "Record on a case's timeline: an adult's stated wish, a document, a consular contact, a note",
  input: cases.recordCaseEntry,
  async run(ctx, input) {
    const found = await openCaseRow(ctx, input.caseId);
    const { occurredAt, caseId, kind, ...details } = input;
    const personId = 'personId' in input ? input.personId : null;
    if (personId !== null) {
      const members = await ctx.writer.view.list('caseMembers', 'caseId', caseId);
      if (!members.some((m) => m.personId === personId)) {
        throw unprocessable('case.not-a-member', 'personId', 'this person is not a member of the case');
      }
      const person = await ctx.require('persons', personId, 'personId', 'person');
      if (kind === 'wish' && isMinorOn(person.birthDate, ctx.now.slice(0, 10))) {
        throw unprocessable(
          'case.wish-of-child',
          'personId',
          `${person.displayName} is a child: the stated wish recorded is an adult's`,
        );
      }
    }
    const entryId = ctx.newId();
    const { personId: _p, ...fields } = details as typeof details & { personId?: string };
    await ctx.writer.append(
      'case.entry-recorded',
      found.id,
      { entryId, caseId, kind, personId, ...fields },
      ctx.occurredAt(occurredAt),
    );
    return { entryId };
  },
});

async function child(ctx: CommandContext, personId: string, on: string): Promise<PersonRow> {
  const person = await ctx.require('persons', personId, 'personId', 'person');
  if (!isMinorOn(person.birthDate, on.slice(0, 10))) {
    throw unprocessable('child.not-a-child', 'personId', `${person.displayName} is not a child`);
  }
  return person;
}

export const openChildCase = defineCommand({
  summary: 'Open a child-protection case (unaccompanied, separated, at risk): child-protection officers only',
  input: cases.openChildCase,
  async run(ctx, input) {
    const at = ctx.occurredAt(input.occurredAt);
    await child(ctx, input.personId, at);
    const place = await ctx.require('custody', input.personId, 'personId', 'person');
    const person = await ctx.require('persons', input.personId, 'personId', 'person');
    const childCaseId = ctx.newId();
    await ctx.writer.append(
      'child-case.opened',
      input.personId,
      {
        childCaseId,
        personId: input.personId,
        facilityId: place.lastFacilityId ?? person.registeredAtFacilityId,
        concern: input.concern,
        summary: input.summary,
      },
      at,
    );
    return { childCaseId };
  },
});

export const closeChildCase = defineCommand({
  summary: 'Close a child-protection case, with a reason',
  input: cases.closeChildCase,
  async run(ctx, input) {
    const found = await ctx.require('childCases', input.childCaseId, 'childCaseId', 'child-protection case');
    if (found.status !== 'open')
      throw refused('child-case.closed', 'childCaseId', 'this case is already closed');
    await ctx.writer.append(
      'child-case.closed',
      found.personId,
      { childCaseId: found.id, personId: found.personId, reason: input.reason },
      ctx.occurredAt(input.occurredAt),
    );
    return { childCaseId: found.id, status: 'closed' as const };
  },
});

export const approveChildSeparation = defineCommand({
  summary:
    "Approve, in the child's best interests, one transfer or handover that separates a child from their carer",
  input: cases.approveChildSeparation,
  async run(ctx, input) {
    const { occurredAt, ...approval } = input;
    const at = ctx.occurredAt(occurredAt);
    await child(ctx, input.personId, at);
    const approvalId = ctx.newId();
    await ctx.writer.append('child-separation.approved', input.personId, { approvalId, ...approval }, at);
    return { approvalId };
  },
});

export const completeBirthRegistration = defineCommand({
  summary: "Record that a child born in custody was registered with the civil registry (the task's end)",
  input: cases.completeBirthRegistration,
  async run(ctx, input) {
    const task = await ctx.require('birthRegistrations', input.personId, 'personId', 'birth registration');
    if (task.status !== 'open') {
      throw refused('birth-registration.completed', 'personId', 'this birth was already registered');
    }
    const { occurredAt, ...done } = input;
    await ctx.writer.append('birth-registration.completed', input.personId, done, ctx.occurredAt(occurredAt));
    return { personId: input.personId, status: 'completed' as const };
  },
});
