// Incidents and intelligence (SPEC 5): the incident types and the questions each asks, claims from graded
// sources, external events near facilities, whereabouts of people at large, handover requests, distances.
import { z } from 'zod';
import { country, id, instant, reason, text } from './common.ts';
import type { FieldError } from './errors.ts';
import {
  attackWeapons,
  attemptOutcomes,
  attemptScales,
  breachMeans,
  claimMeasures,
  escapeScales,
  externalEventKinds,
  fireCauses,
  forceLevels,
  handoverRequestKinds,
  type IncidentRole,
  type IncidentType,
  incidentRoles,
  incidentStatuses,
  incidentTypes,
  injurySeverities,
  linkRelations,
  type Precision,
  precisions,
  reliabilityGrades,
  rolesByType,
  sourceKinds,
  violenceKinds,
} from './incident-table.ts';

export * from './incident-table.ts';

const casualties = z.number().int().min(0).max(100_000);

/** The questions of each incident type, as prisons' incident forms ask them. */
export const incidentDetails = {
  'escape-attempt': z.strictObject({
    scale: z.enum(attemptScales),
    outcome: z.enum(attemptOutcomes),
    forceUsed: z.enum(forceLevels),
    method: text(500).optional(),
  }),
  escape: z.strictObject({
    scale: z.enum(escapeScales),
    means: text(500).optional(),
    /** The authority on whose behalf the identified escapees are recorded `escaped`. */
    authority: text(200),
  }),
  riot: z.strictObject({
    participantsEstimate: casualties.optional(),
    forceUsed: z.enum(forceLevels),
    injured: casualties.default(0),
  }),
  violence: z.strictObject({
    kind: z.enum(violenceKinds),
    weapon: text(200).optional(),
    injuries: z.enum(injurySeverities),
  }),
  attack: z.strictObject({
    weapon: z.enum(attackWeapons),
    damage: text(1000),
    killed: casualties.default(0),
    injured: casualties.default(0),
  }),
  fire: z.strictObject({ cause: z.enum(fireCauses), damage: text(1000) }),
  'death-in-custody': z.strictObject({ cause: text(1000), medicalCertification: text(500).optional() }),
  'guard-shortage': z.strictObject({
    guardsOnDuty: z.number().int().min(0).max(10_000),
    guardsRequired: z.number().int().min(1).max(10_000),
  }),
  'perimeter-breach': z.strictObject({ means: z.enum(breachMeans) }),
  contraband: z.strictObject({ items: text(1000), foundWhere: text(500).optional() }),
  other: z.strictObject({}),
} as const satisfies Record<IncidentType, z.ZodType>;
export type IncidentDetails = { [T in IncidentType]: z.output<(typeof incidentDetails)[T]> };

export const point = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type Point = z.output<typeof point>;

/** Where it happened: the facility, a section or a perimeter sector of it, or a point outside. */
export const incidentLocation = z
  .strictObject({
    sectionId: id.optional(),
    sectorId: id.optional(),
    point: point.optional(),
    place: text(200).optional(),
  })
  .refine((l) => [l.sectionId, l.sectorId, l.point].filter((x) => x !== undefined).length <= 1, {
    message: 'give one of sectionId, sectorId or point',
  });

export const incidentPerson = z.strictObject({ personId: id, role: z.enum(incidentRoles) });
const incidentPeople = z
  .array(incidentPerson)
  .max(5000)
  .refine((p) => new Set(p.map((x) => `${x.personId}:${x.role}`)).size === p.length, 'people repeat');

const incidentBase = {
  facilityId: id,
  occurredAt: instant.optional(),
  precision: z.enum(precisions).default('minute'),
  location: incidentLocation.default({}),
  summary: text(2000),
  people: incidentPeople.default([]),
  links: z
    .array(z.strictObject({ incidentId: id, relation: z.enum(linkRelations) }))
    .max(50)
    .default([]),
};

export const recordIncident = z.discriminatedUnion(
  'type',
  incidentTypes.map((type) =>
    z.strictObject({ type: z.literal(type), ...incidentBase, details: incidentDetails[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<RecordIncidentInput>;

export type RecordIncidentInput = {
  [T in IncidentType]: {
    type: T;
    facilityId: string;
    occurredAt?: string | undefined;
    precision: Precision;
    location: z.output<typeof incidentLocation>;
    summary: string;
    people: z.output<typeof incidentPerson>[];
    links: { incidentId: string; relation: (typeof linkRelations)[number] }[];
    details: IncidentDetails[T];
  };
}[IncidentType];

/**
 * The rules of each type that a schema cannot say alone. Returns every problem with its field, or none.
 * `people` are checked in `checkIncidentPeople`.
 */
export function checkIncident(input: RecordIncidentInput): FieldError[] {
  const errors: FieldError[] = [];
  const needsSector =
    input.type === 'escape-attempt'
      ? 'an escape attempt names the perimeter sector used'
      : input.type === 'perimeter-breach'
        ? 'a perimeter breach names the sector breached'
        : null;
  if (needsSector !== null && input.location.sectorId === undefined) {
    errors.push({ field: 'location.sectorId', message: needsSector });
  }
  if (input.type === 'guard-shortage' && input.details.guardsOnDuty >= input.details.guardsRequired) {
    errors.push({
      field: 'details.guardsOnDuty',
      message: 'a shortage has fewer guards on duty than required',
    });
  }
  errors.push(...checkIncidentPeople(input.type, input.people));
  const names = new Map<IncidentRole, number>();
  for (const p of input.people) names.set(p.role, (names.get(p.role) ?? 0) + 1);
  if (input.type === 'violence' && !names.has('victim')) {
    errors.push({ field: 'people', message: 'violence between residents names at least one victim' });
  }
  if (input.type === 'death-in-custody' && names.get('deceased') !== 1) {
    errors.push({ field: 'people', message: 'a death in custody names exactly one deceased person' });
  }
  return errors;
}

/** Each person's role must be one the incident's type has. */
export function checkIncidentPeople(
  type: IncidentType,
  people: readonly { role: IncidentRole }[],
  field = 'people',
): FieldError[] {
  const allowed = rolesByType[type];
  return people.flatMap((p, i) =>
    allowed.includes(p.role)
      ? []
      : [
          {
            field: `${field}.${i}.role`,
            message:
              allowed.length === 0
                ? `a ${type} names nobody`
                : `a ${type} has ${allowed.join(', ')}, not ${p.role}`,
          },
        ],
  );
}

export const addIncidentPeople = z.strictObject({
  incidentId: id,
  people: incidentPeople.min(1),
  /** For escapees still held: the authority recording them `escaped`. */
  authority: text(200).optional(),
});

export const linkIncidents = z.strictObject({
  incidentId: id,
  linkedIncidentId: id,
  relation: z.enum(linkRelations),
});

export const changeIncidentStatus = z.strictObject({
  incidentId: id,
  status: z.enum(incidentStatuses),
  reason,
});

// --- Sources and claims ---------------------------------------------------------------------------

export const source = z.strictObject({
  kind: z.enum(sourceKinds),
  /** Who said it. Field-protected (intelligence): an informant's name is never shown to other roles. */
  name: text(200),
  reference: text(500).optional(),
  reliability: z.enum(reliabilityGrades),
  /** Admiralty credibility of the information: 1 confirmed ... 5 improbable, 6 cannot be judged. */
  credibility: z.number().int().min(1, 'credibility is 1-6').max(6, 'credibility is 1-6'),
});
export type Source = z.output<typeof source>;

/** A source as events carry it: flat, so that the field policy can hide its identity. */
export interface SourceFields {
  sourceKind: (typeof sourceKinds)[number];
  sourceName: string;
  sourceReference: string | null;
  reliability: (typeof reliabilityGrades)[number];
  credibility: number;
}
export const sourceFields = (s: Source): SourceFields => ({
  sourceKind: s.kind,
  sourceName: s.name,
  sourceReference: s.reference ?? null,
  reliability: s.reliability,
  credibility: s.credibility,
});

const range = z
  .strictObject({ min: z.number().int().min(0).max(1_000_000), max: z.number().int().min(0).max(1_000_000) })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] });

export const recordClaim = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('count'),
    incidentId: id,
    measure: z.enum(claimMeasures),
    /** "859" is {min: 859, max: 859}; "60-70" is {min: 60, max: 70}. */
    count: range,
    source,
    reportedAt: instant.optional(),
  }),
  z.strictObject({
    kind: z.literal('statement'),
    incidentId: id,
    /** What is in question, e.g. "Who emptied the prison?": claims on the same question stand side by side. */
    question: text(300),
    statement: text(2000),
    source,
    reportedAt: instant.optional(),
  }),
]);

export const assessClaim = z.strictObject({ claimId: id, reason });

/** What a claim answers: its measure for a count, its question for a statement. */
export const claimTopic = (claim: { kind: string; measure?: string | null; question?: string | null }) =>
  claim.kind === 'count' ? `count:${claim.measure}` : `statement:${claim.question}`;

export interface Range {
  min: number;
  max: number;
}

/**
 * The figure reported for one question: the claim assessed most likely if any, else the span of every
 * claim (from the lowest to the highest), so that no source is silently preferred.
 */
export function reportedRange(
  claims: readonly { countMin: number | null; countMax: number | null; assessment: string | null }[],
): Range | null {
  const counted = claims.filter((c) => c.countMin !== null && c.countMax !== null);
  const assessed = counted.find((c) => c.assessment === 'most-likely');
  if (assessed) return { min: assessed.countMin!, max: assessed.countMax! };
  if (counted.length === 0) return null;
  return {
    min: Math.min(...counted.map((c) => c.countMin!)),
    max: Math.max(...counted.map((c) => c.countMax!)),
  };
}

/** Reported minus identified: how many the reports say there were that the register does not name. */
export const gap = (reported: Range | null, identified: number): Range | null =>
  reported && { min: Math.max(0, reported.min - identified), max: Math.max(0, reported.max - identified) };

// --- External events, people at large, handover requests ------------------------------------------

export const recordExternalEvent = z.strictObject({
  kind: z.enum(externalEventKinds),
  occurredAt: instant.optional(),
  precision: z.enum(precisions).default('minute'),
  point,
  place: text(200),
  summary: text(2000),
  killed: casualties.default(0),
  injured: casualties.default(0),
  source: source.optional(),
});

export const reportWhereabouts = z.strictObject({
  personId: id,
  seenAt: instant,
  precision: z.enum(precisions).default('day'),
  place: text(200),
  point: point.optional(),
  claim: text(2000),
  source,
});

export const requestHandover = z.strictObject({
  personId: id,
  kind: z.enum(handoverRequestKinds),
  /** The authority asked to hand the person back, or asking for them. */
  authority: text(200),
  country: country.optional(),
  reference: text(200).optional(),
  reason,
});

export const decideHandoverRequest = z.strictObject({
  requestId: id,
  status: z.enum(['accepted', 'refused', 'withdrawn', 'completed']),
  reason,
});

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine, on the mean Earth radius). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
