import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPatronymic, knownName, oneSlip, sexOfEnding, variance } from './known.ts';

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

  it('reads j and y as one letter, the yod written two ways (Sergej, Sergey)', () => {
    assert.equal(oneSlip('serej', 'sergey'), true);
    assert.equal(oneSlip('dmitrij', 'dmitriy'), true);
    assert.equal(oneSlip('serej', 'sergeev'), false);
  });

  it('tells a slip from two spellings of one skeleton and from another name', () => {
    assert.equal(variance('haverkamp', 'javerkamp', 'latin', 'latin'), 'slip');
    assert.equal(variance('makhlouf', 'mukhlif', 'latin', 'latin'), 'spelling');
    assert.equal(variance('marchetti', 'mariotti', 'latin', 'latin'), 'other');
  });
});

describe('what a Slavic ending says', () => {
  it("tells a man's family name or patronymic from a woman's", () => {
    for (const male of ['ivanov', 'rakhimov', 'kowalski', 'zaretskiy', 'sergeyevich', 'petrovich'])
      assert.equal(sexOfEnding(male, 'latin'), 'male', male);
    for (const female of ['ivanova', 'rakhimowa', 'abdullayeva', 'kowalska', 'zaretskaya', 'sergeyevna'])
      assert.equal(sexOfEnding(female, 'latin'), 'female', female);
  });

  it('says nothing of other names, short words or other scripts', () => {
    for (const other of ['eva', 'lev', 'rotenberg', 'fatima', 'marina', 'hassan'])
      assert.equal(sexOfEnding(other, 'latin'), undefined, other);
    assert.equal(sexOfEnding('ивановa', 'other'), undefined);
  });

  it('knows a patronymic', () => {
    assert.equal(isPatronymic('viktorovich', 'latin'), true);
    assert.equal(isPatronymic('nikolaevna', 'latin'), true);
    assert.equal(isPatronymic('ivanov', 'latin'), false);
  });
});
