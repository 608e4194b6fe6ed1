import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletions, europeanKey, skeletons } from './keys.ts';
import { parseName } from './parse.ts';

/** All the keys of a single-part name. */
const keysOf = (name: string) => {
  const [part] = parseName(name).parts;
  return new Set([part!.form, ...(part!.alt ? [part!.alt] : [])].flatMap((f) => skeletons(f, part!.script)));
};
const shareKey = (a: string, b: string) => [...keysOf(a)].some((k) => keysOf(b).has(k));

describe('consonant skeletons', () => {
  it('give every spelling of Muhammad, in either script, one key', () => {
    for (const name of ['Mohammed', 'Muhammad', 'Mohamad', 'Mohamed', 'Muhammed', 'محمد', 'مُحَمَّد']) {
      assert.equal(
        skeletons(parseName(name).parts[0]!.form, parseName(name).parts[0]!.script)[0],
        'MHMD',
        name,
      );
    }
  });

  it('meet across scripts for the letters Latin spells in several ways', () => {
    assert.ok(shareKey('Khalid', 'Jalid')); // Spanish j for خ
    assert.ok(shareKey('Jalal', 'Yalal')); // Spanish y for ج
    assert.ok(shareKey('Gamal', 'جمال')); // Egyptian g for ج
    assert.ok(shareKey('Gasim', 'قاسم')); // Gulf g for ق
    assert.ok(shareKey('Chadi', 'شادي')); // French ch for ش
    assert.ok(shareKey('Muadh', 'Moaz'));
    assert.ok(shareKey('Dhaher', 'ظاهر'));
    assert.ok(shareKey('Othman', 'Osman'));
    assert.ok(shareKey('Saleh', 'صالح')); // a final h may be ح
    assert.ok(shareKey('Fatimah', 'فاطمة')); // or the ta marbuta
    assert.ok(shareKey('Walid', 'Oualid'));
    assert.ok(shareKey('Abdulaziz', 'عبد العزيز'));
  });

  it('keep names with other consonants apart', () => {
    assert.ok(!shareKey('Hassan', 'Khalid'));
    assert.ok(!shareKey('Yasin', 'Omar'));
    assert.ok(!shareKey('Karim', 'Bilal'));
  });

  it('write foreign names in Arabic script as their Latin spelling is keyed', () => {
    assert.ok(shareKey('آلتونن', 'aaltonen'));
    assert.ok(shareKey('أباتشا', 'abacha')); // تش for ch
    assert.ok(shareKey('أدامز', 'adams')); // ز for a final s
  });

  it('bound the alternatives one word may have', () => {
    assert.ok(skeletons('jjjjjjjj chachacha', 'latin').length <= 12);
  });

  it('leave one class out in each deletion, for keys of three classes or more', () => {
    assert.deepEqual(deletions('MHMD').sort(), ['HMD', 'MHD', 'MHM', 'MMD'].sort());
    assert.deepEqual(deletions('SD'), []);
  });
});

describe('the European key', () => {
  it('meets across European spellings of one name', () => {
    assert.equal(europeanKey('karimova', 'latin'), europeanKey('karimowa', 'latin'));
    assert.equal(europeanKey('kowalska', 'latin'), europeanKey('kowalskaja', 'latin'));
    assert.equal(europeanKey('julia', 'latin'), europeanKey('yulia', 'latin'));
    assert.equal(europeanKey('schmidt', 'latin'), europeanKey('schmitt', 'latin'));
  });

  it('is for Latin script only', () => {
    assert.equal(europeanKey('محمد', 'arabic'), null);
  });
});
