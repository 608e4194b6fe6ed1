import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandPolicy, queryPolicy } from '../auth/policy.ts';
import { transitions as domainTransitions } from '../domain/custody.ts';
import { custodyRecorders, personReaders, transitions } from './policy.ts';

describe('the web app mirrors the server rules it hides buttons by', () => {
  it('custody events per role', () => {
    assert.deepEqual(custodyRecorders, commandPolicy.recordCustody.types);
  });
  it('custody transitions', () => {
    assert.deepEqual(transitions, domainTransitions);
  });
  it('roles that read people', () => {
    assert.deepEqual([...personReaders].sort(), [...queryPolicy.getPerson.roles].sort());
  });
});
