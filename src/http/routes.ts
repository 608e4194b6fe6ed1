// The API's routes as data: each maps a method and path to one command or one query of the app.
import type { CommandName } from '../app/commands/index.ts';
import type { QueryName } from '../app/queries/index.ts';
import type { AccountOperation } from '../auth/policy.ts';

interface RouteBase {
  path: string;
  tag: string;
  /** Path parameters, in order; each is passed to the command or query under the same name. */
  params: readonly string[];
}
export interface CommandRoute extends RouteBase {
  method: 'POST';
  command: CommandName;
  /** 201 when the command creates something the answer identifies, 200 otherwise. */
  status: 200 | 201;
}
export interface QueryRoute extends RouteBase {
  /** POST for a read whose input does not belong in an address (it would be logged), e.g. a card's code. */
  method: 'GET' | 'POST';
  query: QueryName;
}
export interface AccountRoute extends RouteBase {
  method: 'POST';
  account: AccountOperation;
  status: 200 | 201;
}
export type Route = CommandRoute | QueryRoute | AccountRoute;

const post = (path: string, tag: string, command: CommandName, status: 200 | 201 = 201): CommandRoute => ({
  method: 'POST',
  path,
  tag,
  command,
  status,
  params: paramsOf(path),
});
const get = (path: string, tag: string, query: QueryName): QueryRoute => ({
  method: 'GET',
  path,
  tag,
  query,
  params: paramsOf(path),
});

const read = (path: string, tag: string, query: QueryName): QueryRoute => ({
  ...get(path, tag, query),
  method: 'POST',
});

const account = (path: string, operation: AccountOperation, status: 200 | 201 = 200): AccountRoute => ({
  method: 'POST',
  path,
  tag: 'accounts',
  account: operation,
  status,
  params: paramsOf(path),
});

function paramsOf(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

export const routes: readonly Route[] = [
  get('/facilities', 'facilities', 'listFacilities'),
  post('/facilities', 'facilities', 'registerFacility'),
  get('/facilities/:facilityId', 'facilities', 'getFacility'),
  post('/facilities/:facilityId/amendments', 'facilities', 'amendFacility', 200),
  get('/facilities/:facilityId/history', 'facilities', 'facilityHistory'),
  post('/facilities/:facilityId/sections', 'facilities', 'addSection'),
  post('/sections/:sectionId/amendments', 'facilities', 'amendSection', 200),
  post('/facilities/:facilityId/perimeter-sectors', 'facilities', 'addPerimeterSector'),
  post('/perimeter-sectors/:sectorId/status', 'facilities', 'changePerimeterSectorStatus', 200),
  post('/facilities/:facilityId/guard-strength', 'facilities', 'reportGuardStrength'),
  post('/facilities/:facilityId/alert-posture', 'facilities', 'changeAlertPosture', 200),
  get('/persons', 'persons', 'listPersons'),
  post('/persons', 'persons', 'registerPerson'),
  get('/persons/:personId', 'persons', 'getPerson'),
  post('/persons/:personId/identity-corrections', 'persons', 'correctIdentity', 200),
  post('/persons/:personId/classification', 'persons', 'classifyPerson', 200),
  post('/persons/:personId/merges', 'persons', 'mergePersons', 200),
  post('/persons/:personId/unmerge', 'persons', 'unmergePerson', 200),
  get('/duplicates', 'persons', 'listDuplicates'),
  post('/duplicates/decisions', 'persons', 'decideDuplicate'),
  post('/persons/:personId/family-links', 'persons', 'addFamilyLink'),
  post('/persons/:personId/register-entries', 'persons', 'recordRegisterEntry'),
  post('/persons/:personId/protection-notes', 'persons', 'recordProtectionNote'),
  get('/persons/:personId/custody-events', 'custody', 'custodyHistory'),
  post('/persons/:personId/custody-events', 'custody', 'recordCustody'),
  post('/households/:householdId/custody-events', 'custody', 'recordHouseholdCustody'),
  post('/births', 'custody', 'registerBirth'),
  post('/households', 'persons', 'formHousehold'),
  post('/separations', 'persons', 'addSeparation'),
  post('/separations/:separationId/lift', 'persons', 'liftSeparation', 200),
  get('/transfers/overdue', 'custody', 'overdueTransfers'),
  get('/notifications', 'notifications', 'listNotifications'),
  post('/notifications/dispatch', 'notifications', 'dispatchNotifications', 200),
  post('/persons/:personId/cards', 'cards', 'issueCard'),
  post('/persons/:personId/cards/revoke', 'cards', 'revokeCard', 200),
  read('/cards/scan', 'cards', 'scanCard'),
  get('/reports/situation', 'reports', 'situation'),
  get('/ledger/events', 'ledger', 'ledgerEvents'),
  get('/ledger/head', 'ledger', 'ledgerHead'),
  get('/audit', 'audit', 'auditLog'),
  get('/users', 'accounts', 'listUsers'),
  post('/facilities/:facilityId/headcounts', 'headcounts', 'openHeadcount'),
  get('/facilities/:facilityId/headcounts', 'headcounts', 'listHeadcounts'),
  get('/headcounts/:headcountId', 'headcounts', 'getHeadcount'),
  get('/headcounts/:headcountId/roster', 'headcounts', 'headcountRoster'),
  post('/headcounts/:headcountId/marks', 'headcounts', 'recordMarks', 200),
  post('/headcounts/:headcountId/section-counts', 'headcounts', 'recordSectionCount', 200),
  post('/headcounts/:headcountId/close', 'headcounts', 'closeHeadcount', 200),
  post('/headcounts/:headcountId/recounts', 'headcounts', 'orderRecount'),
  post('/headcounts/:headcountId/escape-declarations', 'headcounts', 'declareEscape'),
  get('/facilities/:facilityId/discrepancies', 'headcounts', 'listDiscrepancies'),
  post('/discrepancies/:discrepancyId/resolutions', 'headcounts', 'resolveDiscrepancy', 200),
  get('/facilities/:facilityId/roll-board', 'headcounts', 'rollBoard'),
  get('/incidents', 'incidents', 'listIncidents'),
  post('/incidents', 'incidents', 'recordIncident'),
  get('/incidents/:incidentId', 'incidents', 'getIncident'),
  post('/incidents/:incidentId/people', 'incidents', 'addIncidentPeople', 200),
  post('/incidents/:incidentId/links', 'incidents', 'linkIncidents'),
  post('/incidents/:incidentId/status', 'incidents', 'changeIncidentStatus', 200),
  post('/incidents/:incidentId/claims', 'incidents', 'recordClaim'),
  post('/claims/:claimId/assessments', 'incidents', 'assessClaim', 200),
  get('/external-events', 'incidents', 'listExternalEvents'),
  post('/external-events', 'incidents', 'recordExternalEvent'),
  get('/at-large', 'incidents', 'listAtLarge'),
  post('/persons/:personId/whereabouts', 'incidents', 'reportWhereabouts'),
  post('/persons/:personId/handover-requests', 'incidents', 'requestHandover'),
  post('/handover-requests/:requestId/decisions', 'incidents', 'decideHandoverRequest', 200),
  get('/cases', 'cases', 'listCases'),
  post('/cases', 'cases', 'openCase'),
  get('/cases/:caseId', 'cases', 'getCase'),
  post('/cases/:caseId/decisions', 'cases', 'decideCase', 200),
  post('/cases/:caseId/entries', 'cases', 'recordCaseEntry'),
  post('/cases/:caseId/completion', 'cases', 'completeCase', 200),
  get('/countries/:country', 'cases', 'countryFigures'),
  get('/child-alerts', 'child-protection', 'childAlerts'),
  get('/child-cases', 'child-protection', 'listChildCases'),
  post('/child-cases', 'child-protection', 'openChildCase'),
  post('/child-cases/:childCaseId/close', 'child-protection', 'closeChildCase', 200),
  post('/persons/:personId/separation-approvals', 'child-protection', 'approveChildSeparation'),
  get('/birth-registrations', 'child-protection', 'listBirthRegistrations'),
  post('/birth-registrations/:personId/completion', 'child-protection', 'completeBirthRegistration', 200),
  account('/users', 'addUser', 201),
  account('/users/:username/disable', 'disableUser'),
  account('/users/:username/password-reset', 'resetPassword'),
  account('/tokens', 'createToken', 201),
  account('/tokens/:tokenId/revoke', 'revokeToken'),
];
