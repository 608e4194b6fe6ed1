import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NameIndex } from './name-index.ts';

/** A distinct made-up word for a number (names carry no digits). */
const tag = (i: number) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 26)) word += String.fromCharCode(97 + (n % 26));
  return `Zu${word}`;
};

/** A small registry of namesakes and lookalikes, and people nobody searches for. */
function registry(): NameIndex {
  const index = new NameIndex();
  index.add({ id: 'fatima', names: ['فاطمة علي حسن الدوري', 'Fatima Ali Hassan al-Douri'], sex: 'female' });
  index.add({ id: 'fatima-sister', names: ['Fatima Ali Khalid al-Douri'], sex: 'female' });
  index.add({ id: 'hussein', names: ['Hussein Ali Omar al-Masri'], sex: 'male', birthYear: 1985 });
  index.add({ id: 'hassan', names: ['Hassan Ali Omar al-Masri'], sex: 'male', birthYear: 1985 });
  index.add({ id: 'salman', names: ['Salman bin Muhammad al-Rawi'], sex: 'male' });
  index.add({
    id: 'structured',
    names: [{ given: 'Abd al-Aziz', father: 'Yasin', grandfather: 'Abd al-Hamid', family: 'al-Hussein' }],
  });
  for (let i = 0; i < 200; i++) {
    const given = ['Omar', 'Khalid', 'Yusuf', 'Bilal', 'Anas'][i % 5];
    const father = ['Ahmed', 'Ibrahim', 'Hamza', 'Tariq'][i % 4];
    const family = ['al-Shami', 'al-Halabi', 'al-Tikriti'][i % 3];
    index.add({ id: `other-${i}`, names: [`${given} ${father} ${tag(i)} ${family}`] });
  }
  return index;
}

describe('searching the index', () => {
  it('finds a name nothing orders written family name first, as a possible', () => {
    const index = registry();
    index.add({ id: 'tomasz', names: ['Tomasz Haverkamp'] });
    const [first] = index.search('Haverkamp Tomasz');
    assert.equal(first!.id, 'tomasz');
    assert.equal(first!.decision, 'possible');
    assert.match(first!.reason, /read in another order/);
  });

  it('finds a person by a hypocorism of the given name, and the other way round', () => {
    const index = registry();
    index.add({ id: 'theodore', names: ['Theodore Harrowgate'] });
    index.add({ id: 'sasha', names: ['Sasha Wierzbicka'] });
    assert.equal(index.search('Ted Harrowgate')[0]?.id, 'theodore');
    assert.equal(index.search('Ted Harrowgate')[0]?.decision, 'match');
    assert.equal(index.search('Aleksandra Wierzbicka')[0]?.id, 'sasha');
  });

  it('finds a Russian name written family name first, as a match', () => {
    const index = registry();
    index.add({ id: 'arkadiy', names: ['Arkadiy Romanovich Zaretskiy'] });
    const [first] = index.search('Зарецкий Аркадий');
    assert.equal(first?.id, 'arkadiy');
    assert.equal(first?.decision, 'match');
  });

  it('finds a person from another script and spelling, first, as a match', () => {
    const index = registry();
    for (const query of ['Fatma Aly Hasan Ad-Douri', 'DOURI, Fatima Ali Hassan', 'فاطمة علي حسن الدوري']) {
      const [first] = index.search(query);
      assert.equal(first!.id, 'fatima', query);
      assert.equal(first!.decision, 'match', query);
    }
  });

  it('finds a person from a name given as parts', () => {
    const [first] = registry().search('Abdulaziz Yassin Abdelhamid Hussein');
    assert.equal(first!.id, 'structured');
  });

  it('does not call the namesakes a match when the grandfather is left out', () => {
    const results = registry().search('Fatima Ali al-Douri');
    const ids = results.slice(0, 2).map((r) => r.id);
    assert.deepEqual(ids.sort(), ['fatima', 'fatima-sister']);
    assert.ok(results.every((r) => r.decision !== 'match'));
    assert.match(results[0]!.reason, /another registered person fits as well/);
  });

  it('tells the lookalikes apart', () => {
    const index = registry();
    const [hussein] = index.search('Hussein Ali Omar al-Masri');
    assert.equal(hussein!.id, 'hussein');
    assert.equal(
      index.search('Hussein Ali Omar al-Masri').find((r) => r.id === 'hassan')?.decision ?? 'no-match',
      'no-match',
    );
    const reversed = index.search('Muhammad bin Salman al-Rawi');
    assert.ok(reversed.every((r) => r.decision !== 'match'));
  });

  it('does not answer an unregistered person with a match', () => {
    const results = registry().search('Zainab Mahmoud Karim al-Baghdadi');
    assert.ok(results.every((r) => r.decision !== 'match'));
  });

  it('ranks with what is known besides the name', () => {
    const index = registry();
    const [first] = index.search('Fatima Ali Hassan al-Douri', { facts: { sex: 'male' } });
    assert.equal(first!.decision, 'no-match');
    assert.match(first!.reason, /sex differs/);
  });

  it('returns only people the filter allows (the facility scope), at most the limit', () => {
    const index = registry();
    const results = index.search('Fatima Ali Hassan al-Douri', { filter: (id) => id !== 'fatima', limit: 3 });
    assert.ok(results.length <= 3);
    assert.ok(results.every((r) => r.id !== 'fatima'));
  });
});

describe('keeping the index current', () => {
  it('replaces a person on update and forgets a removed one', () => {
    const index = registry();
    const size = index.size;
    index.add({ id: 'fatima', names: ['Layla Omar Yasin al-Ansari'] });
    assert.equal(index.size, size);
    assert.notEqual(index.search('Fatima Ali Hassan al-Douri')[0]?.id, 'fatima');
    assert.equal(index.search('Layla Omar Yasin al-Ansari')[0]?.id, 'fatima');
    assert.equal(index.remove('fatima'), true);
    assert.equal(index.remove('fatima'), false);
    assert.equal(index.has('fatima'), false);
    assert.ok(index.search('Layla Omar Yasin al-Ansari').every((r) => r.id !== 'fatima'));
  });

  it('stays correct after most people are removed (the postings are compacted)', () => {
    const index = new NameIndex();
    for (let i = 0; i < 12_000; i++) index.add({ id: `p${i}`, names: [`Omar Khalid ${tag(i)} al-Shami`] });
    index.add({ id: 'kept', names: ['Yusuf Ibrahim Hamza al-Tikriti'] });
    for (let i = 0; i < 11_000; i++) index.remove(`p${i}`);
    assert.equal(index.size, 1001);
    assert.equal(index.search('Yusuf Ibrahim Hamza al-Tikriti')[0]?.id, 'kept');
    assert.ok(index.search(`Omar Khalid ${tag(5)} al-Shami`).every((r) => r.id !== 'p5'));
    assert.equal(index.search(`Omar Khalid ${tag(11_500)} al-Shami`)[0]?.id, 'p11500');
  });

  it('finds possible duplicates of a person being registered', () => {
    const index = registry();
    const duplicates = index.searchPerson({ id: 'new', names: ['FATMA ALY HASAN AL-DOURI'], sex: 'female' });
    assert.equal(duplicates[0]?.id, 'fatima');
    const self = index.searchPerson({ id: 'fatima', names: ['Fatima Ali Hassan al-Douri'] });
    assert.ok(self.every((r) => r.id !== 'fatima'));
  });

  it('answers nothing from an empty index or an empty query', () => {
    assert.deepEqual(new NameIndex().search('Fatima'), []);
    assert.deepEqual(registry().search(' - , '), []);
  });
});
