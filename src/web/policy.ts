// What the interface offers to whom: the server's own rules (src/auth/policy.ts and the custody table
// of src/domain), imported as data and used ONLY to hide what a user could not do: the server decides.
import { commandPolicy, custodyRecorders, queryPolicy } from '../auth/policy.ts';
import { type CustodyPhase, transitions } from '../domain/custody-table.ts';
import type { Custody, CustodyEventType, Role } from './api/types.ts';

export { readsPersons } from '../auth/policy.ts';

export const issuesCards = (role: Role): boolean => commandPolicy.issueCard.roles.includes(role);
export const scansCards = (role: Role): boolean => queryPolicy.scanCard.roles.includes(role);
/** Roles that review possible duplicates (and decide on them). */
export const reviewsDuplicates = (role: Role): boolean =>
  (commandPolicy.decideDuplicate.roles as readonly Role[]).includes(role);

/** The custody events a screen offers: recorded here by a person, one at a time. */
export const recordableEvents = [
  'admitted',
  'moved',
  'transfer-started',
  'transfer-received',
  'hospitalised',
  'returned',
  'handed-over',
  'repatriated',
  'released',
  'escaped',
  'recaptured',
  'died',
] as const satisfies readonly CustodyEventType[];
export type RecordableEvent = (typeof recordableEvents)[number];

/** The custody events `role` may record for a person whose custody is `custody`, in screen order. */
export function actionsFor(role: Role, custody: Custody): RecordableEvent[] {
  const phase: CustodyPhase =
    custody.status === 'in-custody' && custody.presence === 'hospital' ? 'at-hospital' : custody.status;
  return recordableEvents.filter(
    (type) => custodyRecorders[type].includes(role) && transitions[type].includes(phase),
  );
}

/** Who marks people present at a headcount (and opens one). */
export const countsPeople = (role: Role): boolean => commandPolicy.recordMarks.roles.includes(role);
/** Who closes a headcount. */
export const closesCounts = (role: Role): boolean => commandPolicy.closeHeadcount.roles.includes(role);
/** Who orders the recount of a section. */
export const ordersRecounts = (role: Role): boolean => commandPolicy.orderRecount.roles.includes(role);
/** Who resolves discrepancies one by one. */
export const resolvesDiscrepancies = (role: Role): boolean =>
  commandPolicy.resolveDiscrepancy.roles.includes(role);
/** Who declares missing people escaped. */
export const declaresEscapes = (role: Role): boolean => commandPolicy.declareEscape.roles.includes(role);
/** Who reads headcounts, their discrepancies and the roll board. */
export const readsCounts = (role: Role): boolean => queryPolicy.rollBoard.roles.includes(role);
/** Whether `role` may record incidents of some type (the form then offers them all; the server decides). */
export const mayRecordIncident = (role: Role): boolean => commandPolicy.recordIncident.roles.includes(role);

/** Who reads repatriation cases. */
export const readsCases = (role: Role): boolean => queryPolicy.listCases.roles.includes(role);
/** Who opens cases, decides on them, records on their timeline and completes them. */
export const worksCases = (role: Role): boolean => commandPolicy.decideCase.roles.includes(role);
/** Who reads the child alerts. */
export const readsChildAlerts = (role: Role): boolean => queryPolicy.childAlerts.roles.includes(role);
/** Who works child-protection cases (and reads children's protection notes). */
export const protectsChildren = (role: Role): boolean => queryPolicy.listChildCases.roles.includes(role);
/** Who reads birth-registration tasks, and who completes them. */
export const readsBirthRegistrations = (role: Role): boolean =>
  queryPolicy.listBirthRegistrations.roles.includes(role);
export const completesBirthRegistrations = (role: Role): boolean =>
  commandPolicy.completeBirthRegistration.roles.includes(role);
/** Who names people in an incident as they are identified. */
export const addsIncidentPeople = (role: Role): boolean =>
  commandPolicy.addIncidentPeople.roles.includes(role);
/** Who relates one incident to another. */
export const linksIncidents = (role: Role): boolean => commandPolicy.linkIncidents.roles.includes(role);
/** Who puts an incident under investigation, closes it or opens it again. */
export const changesIncidentStatus = (role: Role): boolean =>
  commandPolicy.changeIncidentStatus.roles.includes(role);
/** Who records what a source said about an incident. */
export const recordsClaims = (role: Role): boolean => commandPolicy.recordClaim.roles.includes(role);
/** Who assesses a claim as the most likely. */
export const assessesClaims = (role: Role): boolean => commandPolicy.assessClaim.roles.includes(role);
/** Who reports where a person at large was seen. */
export const reportsWhereabouts = (role: Role): boolean =>
  commandPolicy.reportWhereabouts.roles.includes(role);
/** Who asks another authority to hand a person at large back, or for their extradition. */
export const requestsHandovers = (role: Role): boolean => commandPolicy.requestHandover.roles.includes(role);
/** Who records the answer to a handover or extradition request. */
export const decidesHandoverRequests = (role: Role): boolean =>
  commandPolicy.decideHandoverRequest.roles.includes(role);
