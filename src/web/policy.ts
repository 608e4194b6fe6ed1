// What the interface offers to whom: the server's own rules (src/auth/policy.ts and the custody table
// of src/domain), imported as data and used ONLY to hide what a user could not do: the server decides.
import { commandPolicy, custodyRecorders } from '../auth/policy.ts';
import { type CustodyPhase, transitions } from '../domain/custody-table.ts';
import type { Custody, CustodyEventType, Role } from './api/types.ts';

export { readsPersons } from '../auth/policy.ts';

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

/** Whether `role` may record incidents of some type (the form then offers them all; the server decides). */
export const mayRecordIncident = (role: Role): boolean => commandPolicy.recordIncident.roles.includes(role);
