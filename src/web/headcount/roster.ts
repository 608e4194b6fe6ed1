// A section's roster on the counting screen: who is counted (by the server when the roster was read,
// or by this device since), and the search by name or number that works with no network.
import { normaliseName } from '../../names/normalise.ts';
import type { RosterEntry } from '../api/types.ts';
import type { Outcome, QueuedMark } from './mark-queue.ts';

/** Where a person of the roster stands: `waiting` is marked here, not yet sent. */
export type RosterState = 'not-counted' | 'waiting' | 'counted' | 'counted-twice' | 'refused';

/** A mark made on this device, and what became of it once sent. */
export interface LocalMark {
  mark: QueuedMark;
  outcome: Outcome | undefined;
}

const marks = (entry: RosterEntry, mark: QueuedMark) =>
  mark.personId === entry.personId || mark.registrationNumber === entry.registrationNumber;

/** The state of each person of the roster, by personId. A refused mark leaves them to be counted. */
export function rosterStates(roster: readonly RosterEntry[], local: readonly LocalMark[]) {
  const states = new Map<string, RosterState>();
  for (const entry of roster) {
    let state: RosterState = entry.counted ? 'counted' : 'not-counted';
    for (const { mark, outcome } of local) {
      if (!marks(entry, mark)) continue;
      const now: RosterState =
        outcome === undefined
          ? 'waiting'
          : outcome.outcome === 'counted-twice'
            ? 'counted-twice'
            : outcome.outcome === 'refused'
              ? 'refused'
              : 'counted';
      // A refusal does not undo a count; a count twice says more than a count.
      if (state === 'not-counted' || state === 'refused' || now === 'counted-twice') state = now;
    }
    states.set(entry.personId, state);
  }
  return states;
}

/** Counted here or by others, sent or waiting to be. */
export const isCounted = (state: RosterState | undefined) =>
  state === 'waiting' || state === 'counted' || state === 'counted-twice';

/**
 * The roster's people whose name or registration number match what was typed: every word typed is
 * the start of a word of the name (in any order), or a part of the registration number.
 */
export function searchRoster(roster: readonly RosterEntry[], typed: string): RosterEntry[] {
  const words = normaliseName(typed).split(' ').filter(Boolean);
  const digits = typed.replace(/\D/g, '');
  if (words.length === 0 && digits === '') return [];
  return roster.filter((entry) => {
    if (digits.length >= 3 && entry.registrationNumber.replace(/\D/g, '').includes(digits)) return true;
    if (words.length === 0) return false;
    const name = normaliseName(entry.displayName).split(' ');
    return words.every((w) => name.some((n) => n.startsWith(w)));
  });
}
