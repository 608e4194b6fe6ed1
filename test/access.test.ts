// Access control over the API, on SQLite and PostgreSQL: the authorisation matrix (every route x every
// role x in and out of the user's facilities), facility scope, field-level policy, suppressed counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuid } from 'uuid';
import type { Custodian } from '../src/app/custodian.ts';
import { accountPolicy, commandPolicy, queryPolicy, type Role, roles } from '../src/auth/policy.ts';
import { type Route, routes } from '../src/http/routes.ts';
import { buildServer } from '../src/http/server.ts';
import { databases, openTestApp } from './support/databases.ts';
import { type Client, signIn } from './support/http.ts';
import { actor, admit, authority, buildWorld, child, mother } from './support/world.ts';

/** A marker in the names of the people held at Roj: it must never reach a user scoped to Al Hol. */
const OUT_OF_SCOPE = 'Outofscope';
/** A marker in a child's protection note: it must reach child-protection officers only. */
const PROTECTION_NOTE = 'PROTECTION-NOTE-7f3a';
const INJURY = 'INJURY-NOTE-51c2';
const INTELLIGENCE = 'INTEL-REASON-0b9e';

/** The records a request is about: at Al Hol (in scope of the `-hol` users) or at Roj. */
interface Targets {
  facilityId: string;
  sectionId: string;
  sectorId: string;
  personId: string;
  childId: string;
  /** The household of `personId`. */
  householdId: string;
  separationId: string;
  notificationId: string;
  /** Counts of a section of one man: open nominal, open numeric, one left open to be closed, one closed. */
  countSectionId: string;
  headcountId: string;
  numericHeadcountId: string;
  closableHeadcountId: string;
  closedHeadcountId: string;
  /** The man, missing at the closed count. */
  discrepancyId: string;
  /** The code of the person's ID card. */
  cardCode: string;
  /** An escape attempt at the sector, with a claim, and a second incident to link it to. */
  incidentId: string;
  linkedIncidentId: string;
  claimId: string;
  /** A woman at large, and a handover request for `personId`. */
  escapedPersonId: string;
  requestId: string;
  /** A scheduled repatriation case: a woman and the child. */
  caseId: string;
  /** The child's child-protection case. */
  childCaseId: string;
  /** A child born in custody, whose birth registration is open. */
  bornId: string;
}

let serial = 0;
const unique = () => ++serial;
const code = () => `Q${String.fromCharCode(65 + (serial % 26))}${String.fromCharCode(65 + (unique() % 26))}`;

const routeKey = (r: Route) => `${r.method} ${r.path}`;

/** One valid request per route. A route missing here fails the matrix: every route needs a policy test. */
const requests: Record<string, (t: Targets) => { url: string; body?: unknown }> = {
  'GET /facilities': () => ({ url: '/facilities' }),
  'POST /facilities': () => ({
    url: '/facilities',
    body: {
      code: code(),
      nameEn: 'Test holding site',
      nameAr: 'موقع',
      kind: 'holding',
      location: { lat: 36.5, lon: 41 },
      capacity: 100,
      authority,
    },
  }),
  'GET /facilities/:facilityId': (t) => ({ url: `/facilities/${t.facilityId}` }),
  'POST /facilities/:facilityId/amendments': (t) => ({
    url: `/facilities/${t.facilityId}/amendments`,
    body: { changes: { capacity: 70_000 + unique() }, reason: 'new tents' },
  }),
  'GET /facilities/:facilityId/history': (t) => ({ url: `/facilities/${t.facilityId}/history` }),
  'GET /reports/situation': (t) => ({ url: `/reports/situation?facilityId=${t.facilityId}` }),
  'POST /facilities/:facilityId/sections': (t) => ({
    url: `/facilities/${t.facilityId}/sections`,
    body: { code: `S${unique()}`, name: 'New section', capacity: 10, categories: ['woman'] },
  }),
  'POST /sections/:sectionId/amendments': (t) => ({
    url: `/sections/${t.sectionId}/amendments`,
    body: { changes: { capacity: 9000 + unique() }, reason: 'extension' },
  }),
  'POST /facilities/:facilityId/perimeter-sectors': (t) => ({
    url: `/facilities/${t.facilityId}/perimeter-sectors`,
    body: { code: `P${unique()}`, name: 'North fence' },
  }),
  'POST /perimeter-sectors/:sectorId/status': (t) => ({
    url: `/perimeter-sectors/${t.sectorId}/status`,
    body: { status: unique() % 2 ? 'open' : 'closed', reason: 'patrol' },
  }),
  'POST /facilities/:facilityId/guard-strength': (t) => ({
    url: `/facilities/${t.facilityId}/guard-strength`,
    body: { shift: 'night', guardsOnDuty: 12 },
  }),
  'POST /facilities/:facilityId/alert-posture': (t) => ({
    url: `/facilities/${t.facilityId}/alert-posture`,
    body: { posture: 'heightened', reason: 'shelling nearby' },
  }),
  'GET /persons': () => ({ url: '/persons?limit=500' }),
  'POST /persons': (t) => ({ url: '/persons', body: { facilityId: t.facilityId, identity: mother } }),
  'GET /persons/:personId': (t) => ({ url: `/persons/${t.personId}` }),
  'POST /persons/:personId/identity-corrections': (t) => ({
    url: `/persons/${t.personId}/identity-corrections`,
    body: { changes: { lastResidence: `Raqqa ${unique()}` }, reason: 'interview' },
  }),
  'POST /persons/:personId/classification': (t) => ({
    url: `/persons/${t.personId}/classification`,
    body: { classification: 'high', reason: INTELLIGENCE },
  }),
  'POST /persons/:personId/merges': (t) => ({
    url: `/persons/${t.personId}/merges`,
    body: { duplicateId: t.childId, reason: 'registered twice' },
  }),
  'POST /persons/:personId/unmerge': (t) => ({
    url: `/persons/${t.childId}/unmerge`,
    body: { reason: 'not the same person' },
  }),
  'GET /duplicates': (t) => ({ url: `/duplicates?state=all&facilityId=${t.facilityId}` }),
  'POST /duplicates/decisions': (t) => ({
    url: '/duplicates/decisions',
    body: { personId: t.personId, otherId: t.childId, decision: 'not-duplicate', reason: 'mother and child' },
  }),
  'POST /persons/:personId/family-links': (t) => ({
    url: `/persons/${t.personId}/family-links`,
    body: { relatedPersonId: t.childId, relation: 'guardian' },
  }),
  'POST /persons/:personId/register-entries': (t) => ({
    url: `/persons/${t.personId}/register-entries`,
    body: { kind: 'request', description: 'asks for a blanket' },
  }),
  'POST /persons/:personId/protection-notes': (t) => ({
    url: `/persons/${t.childId}/protection-notes`,
    body: { kind: 'service', note: 'school enrolment' },
  }),
  'GET /persons/:personId/custody-events': (t) => ({ url: `/persons/${t.personId}/custody-events` }),
  'POST /persons/:personId/custody-events': (t) => ({
    url: `/persons/${t.personId}/custody-events`,
    body: { type: 'moved', sectionId: t.sectionId, reason: 'room', authority },
  }),
  'POST /households/:householdId/custody-events': (t) => ({
    url: `/households/${t.householdId}/custody-events`,
    body: { type: 'moved', memberIds: [t.personId], sectionId: t.sectionId, reason: 'room', authority },
  }),
  'POST /births': (t) => ({
    url: '/births',
    body: { motherId: t.personId, child: { names: { latin: { given: 'Baby' } }, sex: 'female' }, authority },
  }),
  'POST /households': (t) => ({
    url: '/households',
    body: { facilityId: t.facilityId, memberIds: [t.childId] },
  }),
  'POST /separations': (t) => ({
    url: '/separations',
    body: { personIds: [t.personId, t.childId], reason: 'threats' },
  }),
  'POST /separations/:separationId/lift': (t) => ({
    url: `/separations/${t.separationId}/lift`,
    body: { reason: 'reconciled' },
  }),
  'GET /transfers/overdue': () => ({ url: '/transfers/overdue' }),
  'GET /notifications': () => ({ url: '/notifications?limit=500' }),
  'POST /notifications/dispatch': (t) => ({
    url: '/notifications/dispatch',
    body: { notificationIds: [t.notificationId], channel: 'icrc-central-tracing-agency', reference: 'R-1' },
  }),
  'POST /persons/:personId/cards': (t) => ({
    url: `/persons/${t.personId}/cards`,
    body: { reason: 'card worn out' },
  }),
  'POST /persons/:personId/cards/revoke': (t) => ({
    url: `/persons/${t.personId}/cards/revoke`,
    body: { reason: 'lost' },
  }),
  'POST /cards/scan': (t) => ({ url: '/cards/scan', body: { code: t.cardCode } }),
  'GET /ledger/events': () => ({ url: '/ledger/events?limit=500' }),
  'GET /ledger/head': () => ({ url: '/ledger/head' }),
  'GET /audit': () => ({ url: '/audit?limit=10' }),
  'GET /users': () => ({ url: '/users' }),
  'POST /facilities/:facilityId/headcounts': (t) => ({
    url: `/facilities/${t.facilityId}/headcounts`,
    body: { kind: 'nominal', sectionIds: [t.countSectionId] },
  }),
  'GET /facilities/:facilityId/headcounts': (t) => ({ url: `/facilities/${t.facilityId}/headcounts` }),
  'GET /headcounts/:headcountId': (t) => ({ url: `/headcounts/${t.closedHeadcountId}` }),
  'GET /headcounts/:headcountId/roster': (t) => ({
    url: `/headcounts/${t.headcountId}/roster?sectionId=${t.countSectionId}`,
  }),
  'POST /headcounts/:headcountId/marks': (t) => ({
    url: `/headcounts/${t.headcountId}/marks`,
    body: {
      marks: [{ markId: uuid(), sectionId: t.countSectionId, personId: t.personId, method: 'name-search' }],
    },
  }),
  'POST /headcounts/:headcountId/section-counts': (t) => ({
    url: `/headcounts/${t.numericHeadcountId}/section-counts`,
    body: { sectionId: t.countSectionId, count: 1 },
  }),
  'POST /headcounts/:headcountId/close': (t) => ({
    url: `/headcounts/${t.closableHeadcountId}/close`,
    body: {},
  }),
  'POST /headcounts/:headcountId/recounts': (t) => ({
    url: `/headcounts/${t.closedHeadcountId}/recounts`,
    body: { sectionId: t.countSectionId },
  }),
  'POST /headcounts/:headcountId/escape-declarations': (t) => ({
    url: `/headcounts/${t.closedHeadcountId}/escape-declarations`,
    body: { discrepancyIds: [t.discrepancyId], reason: 'not found', authority },
  }),
  'GET /facilities/:facilityId/discrepancies': (t) => ({ url: `/facilities/${t.facilityId}/discrepancies` }),
  'POST /discrepancies/:discrepancyId/resolutions': (t) => ({
    url: `/discrepancies/${t.discrepancyId}/resolutions`,
    body: { resolution: 'recount-found', reason: 'counted on the recount' },
  }),
  'GET /facilities/:facilityId/roll-board': (t) => ({ url: `/facilities/${t.facilityId}/roll-board` }),
  'GET /incidents': () => ({ url: '/incidents?limit=500' }),
  'POST /incidents': (t) => ({
    url: '/incidents',
    body: {
      type: 'escape-attempt',
      facilityId: t.facilityId,
      location: { sectorId: t.sectorId },
      summary: 'two men at the fence',
      details: { scale: 'group', outcome: 'thwarted', forceUsed: 'none' },
    },
  }),
  'GET /incidents/:incidentId': (t) => ({ url: `/incidents/${t.incidentId}` }),
  'POST /incidents/:incidentId/people': (t) => ({
    url: `/incidents/${t.incidentId}/people`,
    body: { people: [{ personId: t.personId, role: 'witness' }] },
  }),
  'POST /incidents/:incidentId/links': (t) => ({
    url: `/incidents/${t.incidentId}/links`,
    body: { linkedIncidentId: t.linkedIncidentId, relation: 'related' },
  }),
  'POST /incidents/:incidentId/status': (t) => ({
    url: `/incidents/${t.incidentId}/status`,
    body: { status: unique() % 2 ? 'under-investigation' : 'open', reason: 'review' },
  }),
  'POST /incidents/:incidentId/claims': (t) => ({
    url: `/incidents/${t.incidentId}/claims`,
    body: {
      kind: 'count',
      measure: 'attempts',
      count: { min: 2, max: 3 },
      source: { kind: 'staff', name: 'Night shift', reliability: 'B', credibility: 2 },
    },
  }),
  'POST /claims/:claimId/assessments': (t) => ({
    url: `/claims/${t.claimId}/assessments`,
    body: { reason: 'the shift log agrees' },
  }),
  'GET /external-events': () => ({ url: '/external-events?limit=500' }),
  'POST /external-events': () => ({
    url: '/external-events',
    body: {
      kind: 'shelling',
      point: { lat: 36.5, lon: 40.9 },
      place: 'Tal Tamr road',
      summary: 'shells fell',
    },
  }),
  'GET /at-large': () => ({ url: '/at-large?limit=500' }),
  'POST /persons/:personId/whereabouts': (t) => ({
    url: `/persons/${t.escapedPersonId}/whereabouts`,
    body: {
      seenAt: '2019-11-01T10:00:00Z',
      place: 'Raqqa',
      claim: 'seen at the bus station',
      source: { kind: 'informant', name: 'Source 12', reliability: 'C', credibility: 3 },
    },
  }),
  'POST /persons/:personId/handover-requests': (t) => ({
    url: `/persons/${t.personId}/handover-requests`,
    body: { kind: 'handover', authority: 'Iraqi government', country: 'IRQ', reason: 'repatriation list' },
  }),
  'POST /handover-requests/:requestId/decisions': (t) => ({
    url: `/handover-requests/${t.requestId}/decisions`,
    body: { status: 'accepted', reason: 'list approved' },
  }),
  'GET /cases': () => ({ url: '/cases?limit=500' }),
  'POST /cases': (t) => ({
    url: '/cases',
    body: { country: 'FRA', memberIds: [t.personId], reason: 'listed by France' },
  }),
  'GET /cases/:caseId': (t) => ({ url: `/cases/${t.caseId}` }),
  'POST /cases/:caseId/decisions': (t) => ({
    url: `/cases/${t.caseId}/decisions`,
    body: { status: 'refused', reason: 'no answer from the consulate' },
  }),
  'POST /cases/:caseId/entries': (t) => ({
    url: `/cases/${t.caseId}/entries`,
    body: { kind: 'note', note: 'called the consulate' },
  }),
  'POST /cases/:caseId/completion': (t) => ({
    url: `/cases/${t.caseId}/completion`,
    body: { reason: 'returned home', authority },
  }),
  'GET /countries/:country': (t) => ({ url: `/countries/FRA?facilityId=${t.facilityId}` }),
  'GET /child-alerts': () => ({ url: '/child-alerts' }),
  'GET /child-cases': () => ({ url: '/child-cases?limit=500' }),
  'POST /child-cases': (t) => ({
    url: '/child-cases',
    body: { personId: t.childId, concern: 'at-risk', summary: 'works in the market' },
  }),
  'POST /child-cases/:childCaseId/close': (t) => ({
    url: `/child-cases/${t.childCaseId}/close`,
    body: { reason: 'mother found' },
  }),
  'POST /persons/:personId/separation-approvals': (t) => ({
    url: `/persons/${t.childId}/separation-approvals`,
    body: { movement: 'transfer-started', reason: 'specialist care at another camp' },
  }),
  'GET /birth-registrations': () => ({ url: '/birth-registrations?limit=500' }),
  'POST /birth-registrations/:personId/completion': (t) => ({
    url: `/birth-registrations/${t.bornId}/completion`,
    body: { reference: 'civil registry 2019/1', authority },
  }),
  'POST /users': () => ({
    url: '/users',
    body: { username: `new-user-${unique()}`, role: 'guard', facilities: 'all' },
  }),
  'POST /users/:username/disable': () => ({ url: '/users/spare-user/disable', body: {} }),
  'POST /users/:username/password-reset': () => ({ url: '/users/spare-user/password-reset', body: {} }),
  'POST /tokens': () => ({
    url: '/tokens',
    body: { username: 'spare-user', name: 'matrix', scope: 'read' },
  }),
  'POST /tokens/:tokenId/revoke': () => ({
    url: '/tokens/00000000-0000-7000-8000-000000000000/revoke',
    body: {},
  }),
};

/** Routes whose request names nothing held at a facility: out of a user's facilities they answer as inside. */
const unscoped = new Set(['POST /external-events']);

/** May this role run this route with this body, by the policy table? */
function allowedBy(route: Route, role: Role, body: unknown): { allowed: boolean; allFacilities: boolean } {
  if ('account' in route) {
    return { allowed: (accountPolicy[route.account] as readonly Role[]).includes(role), allFacilities: true };
  }
  if ('query' in route) {
    const rule = queryPolicy[route.query];
    return { allowed: rule.roles.includes(role), allFacilities: rule.scope === 'all' };
  }
  const rule = commandPolicy[route.command];
  const type = (body as { type?: string }).type;
  const allowed =
    rule.roles.includes(role) && (type === undefined || rule.types?.[type]?.includes(role) !== false);
  return { allowed, allFacilities: rule.scope === 'all' };
}

for (const database of databases) {
  describe(`access control on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let server: FastifyInstance;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let hol: Targets;
    let roj: Targets;
    /** Per role: a user of every facility, and a user of Al Hol only. */
    const all = {} as Record<Role, Client>;
    const holOnly = {} as Record<Role, Client>;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      server = buildServer(app, { rateLimits: { loginPerMinute: 10_000, searchPerMinute: 10_000 } });
      w = await buildWorld(app);
      const at = '2019-09-01T08:00:00Z';
      await admit(app, w.mother.personId, w.hol, w.annex, at);
      for (const c of w.children) await admit(app, c.personId, w.hol, w.annex, at);
      await app.execute(actor, 'recordCustody', {
        type: 'hospitalised',
        personId: w.children[1]!.personId,
        hospital: 'Hasakah',
        reason: INJURY,
        authority,
      });
      await app.execute(actor, 'recordProtectionNote', {
        personId: w.children[0]!.personId,
        kind: 'assessment',
        note: `${PROTECTION_NOTE}: separated from her father`,
      });
      await app.execute(actor, 'recordRegisterEntry', {
        personId: w.mother.personId,
        kind: 'injury',
        description: `${INJURY}: bruised arm at admission`,
      });
      await app.execute(actor, 'classifyPerson', {
        personId: w.mother.personId,
        classification: 'standard',
        reason: INTELLIGENCE,
      });
      const holSector = await app.execute(actor, 'addPerimeterSector', {
        facilityId: w.hol,
        code: 'N1',
        name: 'North',
      });
      const rojSector = await app.execute(actor, 'addPerimeterSector', {
        facilityId: w.roj,
        code: 'N1',
        name: 'North',
      });
      const rojWoman = await app.execute(actor, 'registerPerson', {
        facilityId: w.roj,
        identity: { ...mother, names: { latin: { given: 'Zainab', family: OUT_OF_SCOPE } } },
      });
      const rojChild = await app.execute(actor, 'registerPerson', {
        facilityId: w.roj,
        identity: {
          ...child('Maryam', 'female', '2015-01-01'),
          names: { latin: { given: 'Maryam', family: OUT_OF_SCOPE } },
        },
      });
      for (const p of [rojWoman, rojChild]) await admit(app, p.personId, w.roj, w.rojMain, at);
      const separation = (personIds: string[]) =>
        app.execute(actor, 'addSeparation', { personIds, reason: 'feud' });
      const notified = async (personId: string) => {
        await app.execute(actor, 'recordCustody', {
          type: 'hospitalised',
          personId,
          hospital: 'Derik',
          reason: 'x',
          authority,
        });
        await app.execute(actor, 'recordCustody', { type: 'returned', personId, reason: 'x', authority });
        const queued = await app.query(actor, 'listNotifications', { status: 'queued', limit: 500 });
        return queued.items.find((n) => n.personId === personId)!.id;
      };
      const holNotification = await notified(w.mother.personId);
      const rojNotification = await notified(rojWoman.personId);
      /** A section of one man at the facility, and its counts. */
      const counts = async (facilityId: string, name: string) => {
        const { sectionId } = await app.execute(actor, 'addSection', {
          facilityId,
          code: 'COUNTED',
          name: 'Counted',
          capacity: 10,
          categories: ['man'],
        });
        const man = await app.execute(actor, 'registerPerson', {
          facilityId,
          identity: {
            names: { latin: { given: 'Kareem', family: name } },
            sex: 'male',
            birthDate: { date: '1979-02-02', estimated: true },
            nationalities: ['SYR'],
          },
        });
        await admit(app, man.personId, facilityId, sectionId, at);
        const open = (kind: 'nominal' | 'numeric') =>
          app.execute(actor, 'openHeadcount', { facilityId, kind, sectionIds: [sectionId] });
        const closed = await open('nominal');
        await app.execute(actor, 'closeHeadcount', { headcountId: closed.headcountId });
        const report = await app.query(actor, 'getHeadcount', { headcountId: closed.headcountId });
        return {
          countSectionId: sectionId,
          headcountId: (await open('nominal')).headcountId,
          numericHeadcountId: (await open('numeric')).headcountId,
          closableHeadcountId: (await open('nominal')).headcountId,
          closedHeadcountId: closed.headcountId,
          discrepancyId: report.discrepancies![0]!.discrepancyId,
        };
      };
      /** An escape attempt with a claim, a woman at large, a handover request: the intelligence of a facility. */
      const intelligence = async (
        facilityId: string,
        sectorId: string,
        sectionId: string,
        personId: string,
        name: string,
      ) => {
        const attempt = (summary: string) =>
          app.execute(actor, 'recordIncident', {
            type: 'escape-attempt',
            facilityId,
            location: { sectorId },
            summary,
            details: { scale: 'individual', outcome: 'thwarted', forceUsed: 'none' },
          });
        const { incidentId } = await attempt(`attempt ${name}`);
        const { claimId } = await app.execute(actor, 'recordClaim', {
          kind: 'statement',
          incidentId,
          question: 'Who helped?',
          statement: 'a cousin outside',
          source: { kind: 'informant', name: `${INTELLIGENCE} claim`, reliability: 'D', credibility: 4 },
        });
        const escaped = await app.execute(actor, 'registerPerson', {
          facilityId,
          identity: { ...mother, names: { latin: { given: 'Hana', family: name } } },
        });
        await admit(app, escaped.personId, facilityId, sectionId, at);
        await app.execute(actor, 'recordCustody', {
          type: 'escaped',
          personId: escaped.personId,
          reason: 'fence',
          authority,
        });
        await app.execute(actor, 'reportWhereabouts', {
          personId: escaped.personId,
          seenAt: '2019-10-30T10:00:00Z',
          place: 'Hasakah',
          claim: 'seen at her sister’s',
          source: {
            kind: 'informant',
            name: `${INTELLIGENCE} whereabouts`,
            reliability: 'C',
            credibility: 3,
          },
        });
        const { requestId } = await app.execute(actor, 'requestHandover', {
          personId,
          kind: 'extradition',
          authority: 'Iraqi judiciary',
          reason: 'warrant',
        });
        return {
          incidentId,
          linkedIncidentId: (await attempt(`second attempt ${name}`)).incidentId,
          claimId,
          escapedPersonId: escaped.personId,
          requestId,
        };
      };
      /** A scheduled case for a woman and the child, the child's protection case, a birth. */
      const cases = async (
        facilityId: string,
        sectionId: string,
        childId: string,
        motherId: string,
        family: string,
      ) => {
        const woman = await app.execute(actor, 'registerPerson', {
          facilityId,
          identity: { ...mother, names: { latin: { given: 'Claire', family } }, nationalities: ['FRA'] },
        });
        await admit(app, woman.personId, facilityId, sectionId, at);
        const { caseId } = await app.execute(actor, 'openCase', {
          country: 'FRA',
          memberIds: [woman.personId, childId],
          status: 'requested',
          reason: 'listed by France',
        });
        for (const status of ['accepted', 'scheduled'] as const) {
          await app.execute(actor, 'decideCase', { caseId, status, reason: status });
        }
        const { childCaseId } = await app.execute(actor, 'openChildCase', {
          personId: childId,
          concern: 'separated',
          summary: `${PROTECTION_NOTE}: father held elsewhere`,
        });
        const born = await app.execute(actor, 'registerBirth', {
          motherId,
          child: { names: { latin: { given: 'Noor', family } }, sex: 'female' },
          authority,
        });
        return { caseId, childCaseId, bornId: born.personId };
      };
      hol = {
        ...(await intelligence(w.hol, holSector.sectorId, w.annex, w.mother.personId, 'Escaped')),
        ...(await counts(w.hol, 'Counted')),
        ...(await cases(w.hol, w.annex, w.children[0]!.personId, w.mother.personId, 'Moreau')),
        facilityId: w.hol,
        sectionId: w.phase5,
        sectorId: holSector.sectorId,
        personId: w.mother.personId,
        childId: w.children[0]!.personId,
        householdId: w.household,
        separationId: (await separation([w.mother.personId, w.children[0]!.personId])).separationId,
        notificationId: holNotification,
        cardCode: (await app.execute(actor, 'issueCard', { personId: w.mother.personId })).code,
      };
      roj = {
        ...(await intelligence(w.roj, rojSector.sectorId, w.rojMain, rojWoman.personId, OUT_OF_SCOPE)),
        ...(await counts(w.roj, OUT_OF_SCOPE)),
        ...(await cases(w.roj, w.rojMain, rojChild.personId, rojWoman.personId, OUT_OF_SCOPE)),
        facilityId: w.roj,
        sectionId: w.rojMain,
        sectorId: rojSector.sectorId,
        personId: rojWoman.personId,
        childId: rojChild.personId,
        householdId: (
          await app.execute(actor, 'formHousehold', {
            facilityId: w.roj,
            name: OUT_OF_SCOPE,
            memberIds: [rojWoman.personId],
          })
        ).householdId,
        separationId: (await separation([rojWoman.personId, rojChild.personId])).separationId,
        notificationId: rojNotification,
        cardCode: (await app.execute(actor, 'issueCard', { personId: rojWoman.personId })).code,
      };
      for (const role of roles) {
        all[role] = await signIn(server, app, `${role}-all`, role);
        holOnly[role] = await signIn(server, app, `${role}-hol`, role, ['HOL']);
      }
      await app.accounts.addUser(actor, { username: 'spare-user', role: 'guard', facilities: 'all' });
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const send = (client: Client, request: { url: string; body?: unknown }) =>
      request.body === undefined ? client.get(request.url) : client.post(request.url, request.body);

    it('has a request for every route, so that no route escapes the matrix', () => {
      const missing = routes.map(routeKey).filter((key) => !(key in requests));
      assert.deepEqual(missing, [], 'add a request for each new route to this matrix');
    });

    it('answers every route for every role in and out of its facilities as the policy table says', async () => {
      const failures: string[] = [];
      const expect = (ok: boolean, what: string, response: LightMyRequestResponse) => {
        if (!ok) failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      };
      for (const route of routes) {
        const build = requests[routeKey(route)];
        if (build === undefined) continue;
        for (const role of roles) {
          for (const variant of ['in', 'out', 'all'] as const) {
            const client = variant === 'all' ? all[role] : holOnly[role];
            const request = build(variant === 'in' ? hol : roj);
            const what = `${role} (${variant === 'all' ? 'all facilities' : 'Al Hol only'}) ${route.method} ${request.url}`;
            const response = await send(client, request);
            const code = response.statusCode === 204 ? '' : (response.json().code as string | undefined);
            const { allowed, allFacilities } = allowedBy(route, role, request.body);
            assert.ok(response.statusCode < 500, `${what}: ${response.body}`);
            if (!allowed) {
              expect(
                response.statusCode === 403 && code === 'auth.role',
                `${what} should be refused by role`,
                response,
              );
            } else if (allFacilities && variant !== 'all') {
              expect(
                response.statusCode === 403 && code === 'auth.scope',
                `${what} should need every facility`,
                response,
              );
            } else if (variant === 'out' && !unscoped.has(routeKey(route))) {
              // Out of scope: as if it did not exist, and nothing of it in any answer.
              const hidden =
                response.statusCode === 404 ||
                (response.statusCode === 422 && code === 'reference.unknown') ||
                (response.statusCode === 200 &&
                  !response.body.includes(OUT_OF_SCOPE) &&
                  !response.body.includes(roj.facilityId));
              expect(hidden, `${what} should not reveal Roj`, response);
            } else {
              const done =
                response.statusCode < 300 ||
                response.statusCode === 409 ||
                (response.statusCode === 404 && 'account' in route) ||
                (response.statusCode === 422 && code !== 'reference.unknown');
              expect(done, `${what} should be allowed`, response);
            }
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    it('gives a guard of Al Hol 404 for a person held at Roj, and no trace of her in a search', async () => {
      const read = await holOnly.guard.get(`/persons/${roj.personId}`);
      assert.equal(read.statusCode, 404);
      assert.equal(read.json().code, 'resource.not-found');
      const unknown = await holOnly.guard.get('/persons/00000000-0000-7000-8000-000000000000');
      assert.deepEqual(
        { ...(read.json() as object), detail: '', instance: '', errors: [] },
        { ...(unknown.json() as object), detail: '', instance: '', errors: [] },
        'out of scope and unknown answer alike',
      );
      const search = await holOnly.guard.get('/persons?limit=500');
      assert.equal(search.statusCode, 200);
      assert.ok(!search.body.includes(OUT_OF_SCOPE));
      assert.ok(search.json().items.some((p: { id: string }) => p.id === hol.personId));
      const everywhere = await all.guard.get('/persons?limit=500');
      assert.ok(everywhere.body.includes(OUT_OF_SCOPE), 'a guard of every facility finds her');
      // A sister held at Roj stays unnamed in the record of a woman held at Al Hol.
      await app.execute(actor, 'addFamilyLink', {
        personId: hol.personId,
        relatedPersonId: roj.personId,
        relation: 'sibling',
      });
      const record = await holOnly.guard.get(`/persons/${hol.personId}`);
      assert.equal(record.statusCode, 200);
      assert.ok(!record.body.includes(OUT_OF_SCOPE) && !record.body.includes(roj.personId));
      assert.ok((await all.guard.get(`/persons/${hol.personId}`)).body.includes(OUT_OF_SCOPE));
    });

    it('shows an analyst counts only, with cells under 5 suppressed', async () => {
      assert.equal((await all.analyst.get(`/persons/${hol.personId}`)).statusCode, 403);
      assert.equal((await all.analyst.get('/persons')).statusCode, 403);
      const seen = (await all.analyst.get(`/reports/situation?facilityId=${w.hol}`)).json();
      const exact = (await all.commander.get(`/reports/situation?facilityId=${w.hol}`)).json();
      const cell = (body: typeof seen, category: string, group: string) =>
        body.facilities[0].cells.find(
          (c: { category: string; nationalityGroup: string }) =>
            c.category === category && c.nationalityGroup === group,
        ).count;
      // One Iraqi woman at least (the matrix above adds people): small cells hidden, the rest exact.
      assert.ok(cell(exact, 'woman', 'iraqi') >= 1 && cell(exact, 'woman', 'iraqi') < 5);
      assert.equal(cell(seen, 'woman', 'iraqi'), '<5');
      const exactCells = exact.facilities[0].cells as { count: number }[];
      const seenCells = seen.facilities[0].cells as { count: number | string }[];
      for (const [i, c] of exactCells.entries()) {
        const shown = seenCells[i]!.count;
        if (c.count > 0 && c.count < 5) assert.equal(shown, '<5');
        else assert.ok(shown === c.count || shown === 'suppressed', `cell ${i}: ${shown} for ${c.count}`);
      }
      const total = exact.facilities[0].population as number;
      assert.equal(seen.facilities[0].population, total < 5 ? '<5' : total);
      const facility = (await all.analyst.get(`/facilities/${w.hol}`)).json();
      const commanderView = (await all.commander.get(`/facilities/${w.hol}`)).json();
      const annexOf = (f: { sections: { id: string; occupancy: unknown; vacancies: unknown }[] }) =>
        f.sections.find((s) => s.id === w.annex)!;
      assert.ok((annexOf(commanderView).occupancy as number) < 5);
      assert.equal(annexOf(facility).occupancy, '<5');
      assert.equal(annexOf(facility).vacancies, null, 'vacancies would give the occupancy away');
    });

    it("keeps a child's protection notes, medical entries and intelligence from every role that may not see them", async () => {
      const reads = [
        `/persons/${hol.childId}`,
        `/persons/${hol.personId}`,
        `/persons/${w.children[1]!.personId}/custody-events`,
        `/persons/${hol.personId}/custody-events`,
        '/persons?limit=500',
        '/notifications?limit=500',
        '/ledger/events?limit=500',
        `/facilities/${w.hol}/history`,
        '/audit?limit=500',
        '/at-large?limit=500',
        `/incidents/${hol.incidentId}`,
        `/cases/${hol.caseId}`,
        '/cases?limit=500',
        '/child-cases?limit=500',
        '/child-alerts',
      ];
      const classes = [
        { marker: PROTECTION_NOTE, seenBy: ['child-protection'] },
        { marker: INJURY, seenBy: ['registrar', 'commander', 'child-protection'] },
        { marker: INTELLIGENCE, seenBy: ['commander', 'security-analyst'] },
      ];
      const seen = new Map(classes.map((c) => [c.marker, new Set<string>()]));
      for (const role of roles) {
        for (const url of reads) {
          const response = await all[role].get(url);
          if (response.statusCode !== 200) continue;
          for (const { marker } of classes) {
            if (response.body.includes(marker)) seen.get(marker)!.add(role);
          }
        }
      }
      for (const { marker, seenBy } of classes) {
        assert.deepEqual([...seen.get(marker)!].sort(), [...seenBy].sort(), `who sees ${marker}`);
      }
      const note = (await all['child-protection'].get(`/persons/${hol.childId}`)).json();
      assert.equal(note.protectionNotes[0].kind, 'assessment');
      const guardView = (await all.guard.get(`/persons/${hol.childId}`)).json();
      assert.ok(!('protectionNotes' in guardView), 'absent, not null');
      assert.ok(!('classificationReason' in (await all.guard.get(`/persons/${hol.personId}`)).json()));
    });

    it('refuses a security classification of a child, whatever the role', async () => {
      for (const role of roles) {
        const response = await all[role].post(`/persons/${hol.childId}/classification`, {
          classification: 'high',
          reason: 'tried',
        });
        const allowed = commandPolicy.classifyPerson.roles.includes(role);
        assert.equal(response.statusCode, allowed ? 409 : 403, `${role}: ${response.body}`);
        assert.equal(response.json().code, allowed ? 'person.child-classification' : 'auth.role');
      }
      const child = (await all.commander.get(`/persons/${hol.childId}`)).json();
      assert.equal(child.classification, null);
    });
  });
}
