// The incident table: types, statuses, roles and the answers each type's questions allow. Plain data
// with no imports, so that the web app's forms offer exactly these (src/web/screens/IncidentForm.tsx).

export const incidentTypes = [
  'escape-attempt',
  'escape',
  'riot',
  'violence',
  'attack',
  'fire',
  'death-in-custody',
  'guard-shortage',
  'perimeter-breach',
  'contraband',
  'other',
] as const;
export type IncidentType = (typeof incidentTypes)[number];
export const incidentStatuses = ['open', 'under-investigation', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** How precisely a time is known: reports of the past often give only the day, or the month. */
export const precisions = ['minute', 'hour', 'day', 'month'] as const;
export type Precision = (typeof precisions)[number];

export const incidentRoles = [
  'escapee',
  'attempter',
  'accomplice',
  'participant',
  'instigator',
  'victim',
  'perpetrator',
  'suspect',
  'injured',
  'deceased',
  'witness',
] as const;
export type IncidentRole = (typeof incidentRoles)[number];

/** The roles a person may have in each type of incident. */
export const rolesByType: Record<IncidentType, readonly IncidentRole[]> = {
  'escape-attempt': ['attempter', 'accomplice', 'injured', 'witness'],
  escape: ['escapee', 'accomplice', 'witness'],
  riot: ['participant', 'instigator', 'injured', 'witness'],
  violence: ['victim', 'perpetrator', 'witness'],
  attack: ['injured', 'deceased', 'witness'],
  fire: ['suspect', 'injured', 'deceased', 'witness'],
  'death-in-custody': ['deceased', 'witness'],
  'guard-shortage': [],
  'perimeter-breach': ['suspect', 'witness'],
  contraband: ['suspect', 'witness'],
  other: ['participant', 'victim', 'suspect', 'injured', 'witness'],
};

export const attemptScales = ['individual', 'group', 'organised'] as const;
export const attemptOutcomes = ['thwarted', 'successful'] as const;
export const forceLevels = ['none', 'physical', 'non-lethal', 'firearms'] as const;
export const escapeScales = ['individual', 'group', 'mass'] as const;
export const attackWeapons = ['shelling', 'car-bomb', 'armed-assault', 'arson', 'drone', 'other'] as const;
export const externalEventKinds = [
  'shelling',
  'car-bomb',
  'armed-assault',
  'arson',
  'airstrike',
  'other',
] as const;
export const violenceKinds = ['assault', 'sexual', 'homicide', 'threat', 'other'] as const;
export const injurySeverities = ['none', 'minor', 'serious', 'fatal'] as const;
export const fireCauses = ['accidental', 'arson', 'shelling', 'unknown'] as const;
export const breachMeans = ['fence-cut', 'wall-damaged', 'tunnel', 'gate', 'other'] as const;
export const linkRelations = ['related', 'part-of', 'follows', 'same-event'] as const;

/** Who a claim's source is, by kind (the name is field-protected). */
export const sourceKinds = ['official', 'media', 'ngo', 'informant', 'detainee', 'staff', 'other'] as const;
/** Admiralty reliability of the source: A completely reliable ... E unreliable, F cannot be judged. */
export const reliabilityGrades = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** Admiralty credibility of the information: 1 confirmed ... 5 improbable, 6 cannot be judged. */
export const credibilityGrades = [1, 2, 3, 4, 5, 6] as const;
/** What a count claim counts. */
export const claimMeasures = ['escaped', 'recaptured', 'at-large', 'killed', 'injured', 'attempts'] as const;
export type ClaimMeasure = (typeof claimMeasures)[number];
export const handoverRequestKinds = ['handover', 'extradition'] as const;
export const handoverRequestStatuses = [
  'requested',
  'accepted',
  'refused',
  'withdrawn',
  'completed',
] as const;
