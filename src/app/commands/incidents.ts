// Incidents and intelligence (SPEC 5): record an incident of any type, name its people as they are
// identified, link incidents, claims from graded sources and their assessment, external events,
// whereabouts of people at large and handover requests.
import { recordCustodyEvent } from '../../domain/custody.ts';
import { CustodianError, type FieldError, refused, unprocessable } from '../../domain/errors.ts';
import * as incident from '../../domain/incident.ts';
import { checkIncident, checkIncidentPeople, claimTopic, sourceFields } from '../../domain/incident.ts';
import type { IncidentRow } from '../../domain/projection.ts';
import { type CommandContext, defineCommand, parseInput } from './command.ts';
import { recordCustody } from './custody.ts';

const refuseAll = (id: string, errors: FieldError[]): void => {
  if (errors.length === 0) return;
  throw new CustodianError(
    id,
    'unprocessable',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );
};

async function checkPeople(ctx: CommandContext, people: readonly { personId: string }[], field: string) {
  for (const [i, p] of people.entries()) {
    await ctx.require('persons', p.personId, `${field}.${i}.personId`, 'person');
  }
}

/**
 * Escapees still held are recorded `escaped` at the time of the escape, through the custody command;
 * those whose escape from this facility is already in their custody record (from the day before, or the
 * month of an escape known only to the month) are only named, even if recaptured since.
 */
async function recordEscapees(
  ctx: CommandContext,
  row: { type: string; facilityId: string; occurredAt: string; precision: string; summary: string },
  people: readonly { personId: string; role: string }[],
  authority: string | undefined,
  field: string,
) {
  if (row.type !== 'escape') return;
  for (const [i, p] of people.entries()) {
    if (p.role !== 'escapee') continue;
    const history = await ctx.writer.view.list('custodyHistory', 'personId', p.personId);
    const since =
      row.precision === 'month'
        ? row.occurredAt.slice(0, 7)
        : new Date(Date.parse(row.occurredAt.slice(0, 10)) - 86_400_000).toISOString().slice(0, 10);
    const recorded = history.some(
      (h) =>
        h.type === 'escaped' &&
        h.voidedBy === null &&
        h.facilityId === row.facilityId &&
        h.occurredAt >= since,
    );
    if (recorded) continue;
    if (authority === undefined) {
      throw unprocessable(
        'incident.authority-required',
        'authority',
        'name the authority that records the escapees still held as escaped',
      );
    }
    const escaped = parseInput(
      recordCustodyEvent,
      { type: 'escaped', personId: p.personId, reason: row.summary, authority, occurredAt: row.occurredAt },
      `${field}.${i}`,
    );
    await recordCustody.run(ctx, escaped);
  }
}

/** Opens an incident; declareEscape opens its escapes through this too, with the count that found them. */
export async function openIncident(
  ctx: CommandContext,
  input: incident.RecordIncidentInput,
  headcountId: string | null,
): Promise<{ incidentId: string }> {
  await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
  const errors = checkIncident(input);
  const { sectionId, sectorId } = input.location;
  if (sectionId !== undefined) {
    const section = await ctx.require('sections', sectionId, 'location.sectionId', 'section');
    if (section.facilityId !== input.facilityId) {
      errors.push({ field: 'location.sectionId', message: 'this section is in another facility' });
    }
  }
  if (sectorId !== undefined) {
    const sector = await ctx.require('perimeterSectors', sectorId, 'location.sectorId', 'perimeter sector');
    if (sector.facilityId !== input.facilityId) {
      errors.push({ field: 'location.sectorId', message: 'this perimeter sector is in another facility' });
    }
  }
  refuseAll('incident.invalid', errors);
  await checkPeople(ctx, input.people, 'people');
  for (const [i, link] of input.links.entries()) {
    await ctx.require('incidents', link.incidentId, `links.${i}.incidentId`, 'incident');
  }
  const occurredAt = ctx.occurredAt(input.occurredAt);
  const incidentId = ctx.newId();
  await ctx.writer.append(
    'incident.opened',
    incidentId,
    {
      incidentId,
      facilityId: input.facilityId,
      type: input.type,
      summary: input.summary,
      headcountId,
      precision: input.precision,
      location: input.location,
      details: input.details,
      people: input.people,
      links: input.links,
    },
    occurredAt,
  );
  const authority = input.type === 'escape' ? input.details.authority : undefined;
  await recordEscapees(ctx, { ...input, occurredAt }, input.people, authority, 'people');
  return { incidentId };
}

export const recordIncident = defineCommand({
  summary:
    'Record an incident: escape attempt, escape, riot, violence, attack, fire, death in custody, guard ' +
    'shortage, perimeter breach, contraband or other, with the questions of its type',
  input: incident.recordIncident,
  run: (ctx, input) => openIncident(ctx, input, null),
});

export const addIncidentPeople = defineCommand({
  summary: 'Name people in an incident as they are identified (escapees still held are recorded escaped)',
  input: incident.addIncidentPeople,
  async run(ctx, input) {
    const row = await ctx.require('incidents', input.incidentId, 'incidentId', 'incident');
    refuseAll('incident.invalid', checkIncidentPeople(row.type as incident.IncidentType, input.people));
    await checkPeople(ctx, input.people, 'people');
    for (const [i, p] of input.people.entries()) {
      if (await ctx.writer.view.get('incidentPersons', `${row.id}:${p.personId}:${p.role}`)) {
        throw refused('incident.person-named', `people.${i}`, `this person is already named as ${p.role}`);
      }
    }
    await ctx.writer.append('incident.people-added', row.id, { incidentId: row.id, people: input.people });
    await recordEscapees(ctx, row, input.people, input.authority, 'people');
    return { incidentId: row.id, added: input.people.length };
  },
});

export const linkIncidents = defineCommand({
  summary: 'Link an incident to a related one (related, part of, follows, the same event)',
  input: incident.linkIncidents,
  async run(ctx, input) {
    await ctx.require('incidents', input.incidentId, 'incidentId', 'incident');
    await ctx.require('incidents', input.linkedIncidentId, 'linkedIncidentId', 'incident');
    if (input.incidentId === input.linkedIncidentId) {
      throw unprocessable('incident.self-link', 'linkedIncidentId', 'an incident is not linked to itself');
    }
    for (const id of [
      `${input.incidentId}:${input.linkedIncidentId}`,
      `${input.linkedIncidentId}:${input.incidentId}`,
    ]) {
      if (await ctx.writer.view.get('incidentLinks', id)) {
        throw refused('incident.already-linked', 'linkedIncidentId', 'these incidents are already linked');
      }
    }
    await ctx.writer.append('incident.linked', input.incidentId, input);
    return { incidentId: input.incidentId, linkedIncidentId: input.linkedIncidentId };
  },
});

export const changeIncidentStatus = defineCommand({
  summary: 'Put an incident under investigation, close it, or reopen it, with a reason',
  input: incident.changeIncidentStatus,
  async run(ctx, input) {
    const row: IncidentRow = await ctx.require('incidents', input.incidentId, 'incidentId', 'incident');
    if (row.status === input.status) {
      throw refused('incident.status-unchanged', 'status', `This incident is already ${row.status}`);
    }
    await ctx.writer.append('incident.status-changed', row.id, input);
    return { incidentId: row.id, status: input.status };
  },
});

export const recordClaim = defineCommand({
  summary:
    'Record a claim about an incident (a reported count as a range, or a statement) with its graded source',
  input: incident.recordClaim,
  async run(ctx, input) {
    await ctx.require('incidents', input.incidentId, 'incidentId', 'incident');
    const claimId = ctx.newId();
    const count = input.kind === 'count';
    await ctx.writer.append('claim.recorded', input.incidentId, {
      claimId,
      incidentId: input.incidentId,
      kind: input.kind,
      measure: count ? input.measure : null,
      countMin: count ? input.count.min : null,
      countMax: count ? input.count.max : null,
      question: count ? null : input.question,
      statement: count ? null : input.statement,
      ...sourceFields(input.source),
      reportedAt: ctx.occurredAt(input.reportedAt, 'reportedAt'),
    });
    return { claimId };
  },
});

export const assessClaim = defineCommand({
  summary:
    'Assess a claim as the most likely of those on its question, with a reason; the others stay beside it',
  input: incident.assessClaim,
  async run(ctx, input) {
    const claim = await ctx.require('claims', input.claimId, 'claimId', 'claim');
    if (claim.assessment === 'most-likely') {
      throw refused('claim.already-assessed', 'claimId', 'this claim is already assessed most likely');
    }
    const sameTopic = await ctx.writer.view.list('claims', 'incidentId', claim.incidentId);
    const current = sameTopic.find((c) => c.topic === claimTopic(claim) && c.assessment === 'most-likely');
    await ctx.writer.append('claim.assessed', claim.incidentId, {
      claimId: claim.id,
      incidentId: claim.incidentId,
      reason: input.reason,
      supersedes: current?.id ?? null,
    });
    return { claimId: claim.id, supersedes: current?.id ?? null };
  },
});

export const recordExternalEvent = defineCommand({
  summary: 'Record an event near the facilities (shelling, car bomb, armed assault, arson...) at a point',
  input: incident.recordExternalEvent,
  async run(ctx, input) {
    const externalEventId = ctx.newId();
    const { occurredAt, source, ...event } = input;
    await ctx.writer.append(
      'external-event.recorded',
      externalEventId,
      { externalEventId, ...event, ...(source ? sourceFields(source) : {}) },
      ctx.occurredAt(occurredAt),
    );
    return { externalEventId };
  },
});

export const reportWhereabouts = defineCommand({
  summary: 'Record a report of where a person at large was seen, with its graded source',
  input: incident.reportWhereabouts,
  async run(ctx, input) {
    const custody = await ctx.require('custody', input.personId, 'personId', 'person');
    if (custody.status !== 'escaped') {
      throw refused('whereabouts.not-at-large', 'personId', `This person is ${custody.status}, not at large`);
    }
    const reportId = ctx.newId();
    const { source, point, seenAt, ...report } = input;
    await ctx.writer.append('whereabouts.reported', input.personId, {
      reportId,
      ...report,
      seenAt: ctx.occurredAt(seenAt, 'seenAt'),
      point: point ?? null,
      ...sourceFields(source),
    });
    return { reportId };
  },
});

export const requestHandover = defineCommand({
  summary: 'Record a request for handover or extradition of a person, to or from another authority',
  input: incident.requestHandover,
  async run(ctx, input) {
    await ctx.require('persons', input.personId, 'personId', 'person');
    const requestId = ctx.newId();
    await ctx.writer.append('handover-request.made', input.personId, {
      requestId,
      personId: input.personId,
      kind: input.kind,
      authority: input.authority,
      country: input.country ?? null,
      reference: input.reference ?? null,
      reason: input.reason,
    });
    return { requestId };
  },
});

export const decideHandoverRequest = defineCommand({
  summary: 'Record the answer to a handover or extradition request: accepted, refused, withdrawn, completed',
  input: incident.decideHandoverRequest,
  async run(ctx, input) {
    const request = await ctx.require('handoverRequests', input.requestId, 'requestId', 'handover request');
    if (!['requested', 'accepted'].includes(request.status)) {
      throw refused('handover-request.decided', 'status', `This request is already ${request.status}`);
    }
    if (request.status === input.status) {
      throw refused('handover-request.decided', 'status', `This request is already ${request.status}`);
    }
    await ctx.writer.append('handover-request.decided', request.personId, {
      requestId: request.id,
      personId: request.personId,
      status: input.status,
      reason: input.reason,
    });
    return { requestId: request.id, status: input.status };
  },
});
