import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownName, oneSlip, variance } from './known.ts';

describe('known names and slips', () => {
  it('knows the frequent names in either script', () => {
    assert.equal(knownName('muhammad', 'latin'), true);
    assert.equal(knownName('محمد', 'arabic'), true);
    assert.equal(knownName('wierzbicki', 'latin'), false);
  });

  it('finds one letter replaced, added, left out or swapped, in words of four letters or more', () => {
    assert.equal(oneSlip('haverkamp', 'javerkamp'), true);
    assert.equal(oneSlip('thorvaldsen', 'thorvalsen'), true);
    assert.equal(oneSlip('brigitta', 'brigitat'), true);
    assert.equal(oneSlip('brigitta', 'brigita'), true);
    assert.equal(oneSlip('marchetti', 'mariotti'), false);
    assert.equal(oneSlip('tom', 'tim'), false);
  });

  it('tells a slip from two spellings of one skeleton and from another name', () => {
    assert.equal(variance('haverkamp', 'javerkamp', 'latin', 'latin'), 'slip');
    assert.equal(variance('makhlouf', 'mukhlif', 'latin', 'latin'), 'spelling');
    assert.equal(variance('marchetti', 'mariotti', 'latin', 'latin'), 'other');
  });
});
