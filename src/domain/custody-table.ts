// The custody table: statuses, events and which event may follow which. Plain data with no imports,
// so that the web app hides the buttons of exactly these rules (src/web/policy.ts).

export const custodyStatuses = [
  'registered',
  'in-custody',
  'in-transit',
  'handed-over',
  'repatriated',
  'released',
  'escaped',
  'deceased',
] as const;
export type CustodyStatus = (typeof custodyStatuses)[number];

/**
 * Where a person stands for the transition table: the status, with `in-custody` split by presence,
 * since a person at hospital is still in custody but cannot, say, be moved between sections.
 */
export type CustodyPhase = Exclude<CustodyStatus, 'in-custody'> | 'in-custody' | 'at-hospital';

export const custodyEventTypes = [
  'admitted',
  'moved',
  'transfer-started',
  'transfer-received',
  'handed-over',
  'repatriated',
  'released',
  'escaped',
  'recaptured',
  'hospitalised',
  'returned',
  'born',
  'died',
  'corrected',
] as const;
export type CustodyEventType = (typeof custodyEventTypes)[number];

/**
 * The transition table: for each custody event, the phases it may follow. `born` starts a record,
 * `corrected` voids an earlier event and is checked by replaying what remains.
 */
export const transitions: Record<Exclude<CustodyEventType, 'corrected'>, readonly CustodyPhase[]> = {
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

/** The statuses whose events Geneva IV art. 136 requires the information bureau to be told of. */
export const notifiedEventTypes: ReadonlySet<CustodyEventType> = new Set([
  'transfer-started',
  'handed-over',
  'released',
  'repatriated',
  'escaped',
  'hospitalised',
  'born',
  'died',
]);
