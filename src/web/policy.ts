// What the interface offers to whom. A mirror of the server's rules (src/auth/policy.ts and the
// custody transition table of src/domain/custody.ts) used ONLY to hide what a user could not do: the
// server decides, and policy.test.ts keeps this copy equal to the original.
import type { Custody, CustodyEventType, Role } from './api/types.ts';

/** The custody events each role may record. */
export const custodyRecorders: Record<CustodyEventType, readonly Role[]> = {
  admitted: ['registrar', 'commander'],
  moved: ['registrar', 'guard', 'commander'],
  'transfer-started': ['registrar', 'commander'],
  'transfer-received': ['registrar', 'commander'],
  'handed-over': ['commander', 'case-officer'],
  repatriated: ['commander', 'case-officer'],
  released: ['commander'],
  escaped: ['guard', 'commander'],
  recaptured: ['registrar', 'guard', 'commander'],
  hospitalised: ['registrar', 'guard', 'commander'],
  returned: ['registrar', 'guard', 'commander'],
  born: ['registrar'],
  died: ['registrar', 'commander'],
  corrected: ['registrar', 'commander'],
};

type Phase = Exclude<Custody['status'], 'in-custody'> | 'in-custody' | 'at-hospital';

/** For each custody event, the phases a person may be in to have it recorded. */
export const transitions: Record<Exclude<CustodyEventType, 'corrected'>, readonly Phase[]> = {
  admitted: ['registered', 'released', 'handed-over', 'repatriated'],
  moved: ['in-custody'],
  'transfer-started': ['in-custody'],
  'transfer-received': ['in-transit'],
  'handed-over': ['in-custody'],
  repatriated: ['in-custody'],
  released: ['in-custody', 'at-hospital'],
  escaped: ['in-custody', 'at-hospital', 'in-transit'],
  recaptured: ['escaped'],
  hospitalised: ['in-custody'],
  returned: ['at-hospital'],
  born: [],
  died: ['in-custody', 'at-hospital', 'in-transit', 'escaped'],
};

/** Roles that read individual people; the others (admin, analyst) see counts only. */
export const personReaders: readonly Role[] = [
  'registrar',
  'guard',
  'commander',
  'child-protection',
  'case-officer',
  'security-analyst',
  'auditor',
  'monitor',
];

export const readsPersons = (role: Role): boolean => personReaders.includes(role);

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
  const phase: Phase =
    custody.status === 'in-custody' && custody.presence === 'hospital' ? 'at-hospital' : custody.status;
  return recordableEvents.filter(
    (type) => custodyRecorders[type].includes(role) && transitions[type].includes(phase),
  );
}
