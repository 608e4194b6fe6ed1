// Who acts and what they may do and see: the policy table of auth/ applied to each command and query,
// and the facility scope that keeps a user of one facility from learning of people held at another.
import {
  type AccountOperation,
  accountPolicy,
  commandPolicy,
  type FieldClass,
  queryPolicy,
  type Role,
  readsPersons,
  sees,
  type TokenScope,
} from '../auth/policy.ts';
import { forbidden, unknownReference } from '../domain/errors.ts';
import type { ProjectionView } from '../domain/projection.ts';
import type { CommandName } from './commands/index.ts';
import type { QueryName } from './queries/index.ts';

/** A signed-in user, as the API, the CLI or a script (API token) presents them. */
export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  role: Role;
  /** Facility ids, or every facility. */
  facilities: 'all' | readonly string[];
  via: 'session' | 'token' | 'cli';
  tokenScope?: TokenScope;
  tokenId?: string;
  /** The network address the request came from, for the audit log. */
  address?: string;
  /** A one-time password was used: only a password change is allowed until it is replaced. */
  mustChangePassword?: boolean;
}

/** The program itself acting for an operator at the machine: the demo builder and first start. */
export interface SystemActor {
  kind: 'system';
  username: `system:${string}`;
}

export type Actor = UserActor | SystemActor;

export const systemActor = (name: string): SystemActor => ({ kind: 'system', username: `system:${name}` });

/** What one actor may see; queries filter and present through it. */
export class Access {
  /** The facilities the actor may see, or null for every facility. */
  readonly facilities: ReadonlySet<string> | null;
  /** False for roles that see counts only; their small cells are suppressed. */
  readonly readsPersons: boolean;

  constructor(readonly actor: Actor) {
    const all = actor.kind === 'system' || actor.facilities === 'all';
    this.facilities = all ? null : new Set(actor.facilities as readonly string[]);
    this.readsPersons = actor.kind === 'system' || readsPersons(actor.role);
  }

  get role(): Role | 'system' {
    return this.actor.kind === 'system' ? 'system' : this.actor.role;
  }

  sees(fieldClass: FieldClass): boolean {
    return this.actor.kind === 'system' || sees(this.actor.role, fieldClass);
  }

  inScope(facilityId: string | null | undefined): boolean {
    return this.facilities === null || (facilityId != null && this.facilities.has(facilityId));
  }

  /** Refuses anything but a password change to a user who signed in with a one-time password. */
  private mayAct(): UserActor | null {
    const a = this.actor;
    if (a.kind === 'system') return null;
    if (a.mustChangePassword) {
      throw forbidden('auth.password-change-required', 'Change the one-time password before anything else');
    }
    return a;
  }

  private refuse(what: string): never {
    throw forbidden('auth.role', `The role ${this.role} may not ${what}`);
  }

  private requireAllFacilities(what: string): void {
    if (this.facilities !== null) {
      throw forbidden('auth.scope', `Only a user scoped to every facility may ${what}`);
    }
  }

  checkQuery(name: QueryName): void {
    const user = this.mayAct();
    if (user === null) return;
    const rule = queryPolicy[name];
    if (!rule.roles.includes(user.role)) this.refuse(`read ${name}`);
    if (rule.scope === 'all') this.requireAllFacilities(`read ${name}`);
  }

  checkAccountOperation(operation: AccountOperation): void {
    const user = this.mayAct();
    if (user === null) return;
    if (!(accountPolicy[operation] as readonly Role[]).includes(user.role)) this.refuse(operation);
    this.requireAllFacilities(operation);
    refuseReadOnlyToken(user);
  }

  /**
   * Checks a validated command input against the policy and the actor's facilities. Something the
   * actor may not see is refused exactly as if it did not exist, so a refusal reveals nothing.
   */
  async checkCommand(name: CommandName, input: Record<string, unknown>, view: ProjectionView): Promise<void> {
    const user = this.mayAct();
    if (user === null) return;
    refuseReadOnlyToken(user);
    const rule = commandPolicy[name];
    if (!rule.roles.includes(user.role)) this.refuse(`run ${name}`);
    const type = input.type;
    if (rule.types && typeof type === 'string' && !rule.types[type]?.includes(user.role)) {
      this.refuse(`record ${type}`);
    }
    for (const [field, allowed] of Object.entries(rule.fields ?? {})) {
      if (input[field] !== undefined && !allowed.includes(user.role)) this.refuse(`give ${field}`);
    }
    if (rule.scope === 'all') this.requireAllFacilities(`run ${name}`);
    if (this.facilities === null) return;
    for (const [field, value] of Object.entries(input)) {
      const ids = Array.isArray(value) ? value : [value];
      for (const [i, id] of ids.entries()) {
        const path = Array.isArray(value) ? `${field}.${i}` : field;
        if (typeof id === 'string') await this.checkReference(view, field, path, id);
        else if (nestedReferences.has(field) && typeof id === 'object' && id !== null) {
          for (const [inner, innerId] of Object.entries(id)) {
            if (typeof innerId === 'string')
              await this.checkReference(view, inner, `${path}.${inner}`, innerId);
          }
        }
      }
    }
  }

  private async checkReference(view: ProjectionView, field: string, path: string, id: string): Promise<void> {
    const reference = scopedReferences[field];
    if (reference === undefined) return;
    const holders = await reference.holders(view, id);
    // An unknown id is left to the command, which refuses it with this same answer.
    if (holders !== undefined && !holders.every((any) => any.some((f) => this.inScope(f)))) {
      throw unknownReference(path, reference.what, id);
    }
  }
}

function refuseReadOnlyToken(user: UserActor): void {
  if (user.tokenScope === 'read') {
    throw forbidden('auth.token-scope', 'This API token may only read', 'Authorization');
  }
}

/** The facilities that answer for a person: the one that last held them (or registered them), and the destination of a transfer. */
export async function personFacilities(
  view: ProjectionView,
  personId: string,
): Promise<string[] | undefined> {
  const [person, custody] = await Promise.all([view.get('persons', personId), view.get('custody', personId)]);
  if (person === undefined || custody === undefined) return undefined;
  const held = custody.lastFacilityId ?? person.registeredAtFacilityId;
  return custody.transferToFacilityId === null ? [held] : [held, custody.transferToFacilityId];
}

/**
 * Who holds a referenced record, as groups of facilities: the actor must see some facility of every
 * group. Undefined when the record does not exist.
 */
type HoldersOf = (view: ProjectionView, id: string) => Promise<string[][] | undefined>;

const holdersOfPerson: HoldersOf = async (view, id) => {
  const facilities = await personFacilities(view, id);
  return facilities && [facilities];
};
const held = (row: { facilityId: string } | undefined): string[][] | undefined => row && [[row.facilityId]];

/** Lists of objects whose fields name records, e.g. the people of an incident with their roles. */
const nestedReferences: ReadonlySet<string> = new Set(['people', 'links']);

const incidentHolders: HoldersOf = async (view, id) => held(await view.get('incidents', id));

/**
 * The command input fields that name something held at a facility, and how to find that facility.
 * `toFacilityId` is absent on purpose: a transfer may go to a facility outside the sender's scope.
 */
const scopedReferences: Record<string, { what: string; holders: HoldersOf }> = {
  facilityId: {
    what: 'facility',
    holders: async (view, id) => ((await view.get('facilities', id)) ? [[id]] : undefined),
  },
  sectionId: { what: 'section', holders: async (view, id) => held(await view.get('sections', id)) },
  sectorId: {
    what: 'perimeter sector',
    holders: async (view, id) => held(await view.get('perimeterSectors', id)),
  },
  householdId: { what: 'household', holders: async (view, id) => held(await view.get('households', id)) },
  personId: { what: 'person', holders: holdersOfPerson },
  relatedPersonId: { what: 'person', holders: holdersOfPerson },
  duplicateId: { what: 'person', holders: holdersOfPerson },
  otherId: { what: 'person', holders: holdersOfPerson },
  keptId: { what: 'person', holders: holdersOfPerson },
  distinctFrom: { what: 'person', holders: holdersOfPerson },
  motherId: { what: 'person', holders: holdersOfPerson },
  memberIds: { what: 'person', holders: holdersOfPerson },
  personIds: { what: 'person', holders: holdersOfPerson },
  separationId: {
    what: 'separation',
    // Every member must be visible: a separation names people, and naming them is reading them.
    async holders(view, id) {
      const members = await view.list('separationMembers', 'separationId', id);
      if (members.length === 0) return undefined;
      const groups = await Promise.all(members.map((m) => personFacilities(view, m.personId)));
      return groups.map((g) => g ?? []);
    },
  },
  headcountId: { what: 'headcount', holders: async (view, id) => held(await view.get('headcounts', id)) },
  discrepancyId: {
    what: 'discrepancy',
    holders: async (view, id) => held(await view.get('discrepancies', id)),
  },
  discrepancyIds: {
    what: 'discrepancy',
    holders: async (view, id) => held(await view.get('discrepancies', id)),
  },
  incidentId: { what: 'incident', holders: incidentHolders },
  linkedIncidentId: { what: 'incident', holders: incidentHolders },
  claimId: {
    what: 'claim',
    async holders(view, id) {
      const claim = await view.get('claims', id);
      return claim && incidentHolders(view, claim.incidentId);
    },
  },
  requestId: {
    what: 'handover request',
    async holders(view, id) {
      const request = await view.get('handoverRequests', id);
      return request && holdersOfPerson(view, request.personId);
    },
  },
  caseId: {
    what: 'case',
    holders: async (view, id) => held(await view.get('cases', id)),
  },
  childCaseId: {
    what: 'child-protection case',
    async holders(view, id) {
      const childCase = await view.get('childCases', id);
      return childCase && holdersOfPerson(view, childCase.personId);
    },
  },
  notificationIds: {
    what: 'notification',
    async holders(view, id) {
      const notification = await view.get('notifications', id);
      return notification && holdersOfPerson(view, notification.personId);
    },
  },
};
