import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseName } from './parse.ts';
import { CONFLICT, SAME } from './score.ts';
import { similarity, sounds } from './similarity.ts';

/** Similarity of the first parts of two names as written. */
const sim = (a: string, b: string) => {
  const [pa] = parseName(a).parts;
  const [pb] = parseName(b).parts;
  return similarity(sounds(pa!.form, pa!.script), sounds(pb!.form, pb!.script));
};

describe('spellings of one name', () => {
  const same: [string, string][] = [
    ['Mohammed', 'Muhammad'],
    ['Mohammed', 'محمد'],
    ['Hussein', 'Husain'],
    ['Hussein', 'حسين'],
    ['Youssef', 'Yusuf'],
    ['Youssef', 'يوسف'],
    ['Chadi', 'Shadi'],
    ['Gamal', 'Jamal'],
    ['Kahtani', 'Qahtani'],
    ['Dawood', 'Daoud'],
    ['Oualid', 'وليد'],
    ['Faisal', 'فيصل'],
    ['Fatima', 'فاطمة'],
    ['Hamzah', 'Hamza'],
    ['Omar', 'عمر'],
    ['Ammar', 'عمار'],
    ['Adel', 'عادل'],
    ['Abdulaziz', 'عبد العزيز'],
    ['Salaheddine', 'صلاح الدين'],
    ['Nabil', 'Nabeel'],
    ['Achmed', 'Ahmed'],
    ['Andrej', 'Andrey'],
    ['Dmitrij', 'Dmitriy'],
  ];
  for (const [a, b] of same) {
    it(`${a} = ${b}`, () => assert.ok(sim(a, b) >= SAME, `${sim(a, b)}`));
  }
});

describe('names that look alike', () => {
  const apart: [string, string][] = [
    ['Hassan', 'Hussein'],
    ['حسن', 'Hussein'],
    ['Hassan', 'حسين'],
    ['Saad', 'Said'],
    ['Saad', 'سعيد'],
    ['Mahmud', 'Muhammad'],
    ['Ahmed', 'Hamid'],
    ['Ahmed', 'Hamed'],
    ['أحمد', 'Hamid'],
    ['Omar', 'عمار'],
    ['Amar', 'عمر'],
    ['Salih', 'Salah'],
    ['Mohannad', 'Mohammed'],
  ];
  for (const [a, b] of apart) {
    it(`${a} ≠ ${b}`, () => assert.ok(sim(a, b) < CONFLICT, `${sim(a, b)}`));
  }
});

describe('similarity', () => {
  it('is 1 for one form and symmetric', () => {
    assert.equal(sim('Hassan', 'Hassan'), 1);
    for (const [a, b] of [
      ['Hussein', 'حسن'],
      ['Mohantad', 'Mohannad'],
      ['Abdel Aziz', 'Abdulaziz'],
    ] as const) {
      assert.equal(sim(a, b), sim(b, a));
    }
  });

  it('reads an initial against a name by its first letter', () => {
    assert.ok(sim('J.', 'John') >= SAME);
    assert.equal(sim('J.', 'Paul'), 0);
  });

  it('meets a hypocorism through its full name, as a spelling just close enough', () => {
    for (const [a, b] of [
      ['Ted', 'Theodore'],
      ['Ted', 'Edward'],
      ['Sasha', 'Aleksandr'],
      ['Sasha', 'Alexander'],
      ['Pepe', 'José'],
    ] as const) {
      assert.equal(sim(a, b), SAME, `${a} / ${b}`);
      assert.equal(sim(b, a), SAME, `${b} / ${a}`);
    }
    assert.ok(sim('Ted', 'Thomas') < CONFLICT);
    assert.ok(sim('Theo', 'Theodore') >= SAME);
  });

  it('compares scripts it has no phones for letter by letter, and not with other scripts', () => {
    assert.ok(sim('金正恩', '金正恩') === 1);
    assert.equal(sim('金正恩', 'Kim'), 0);
  });
});
