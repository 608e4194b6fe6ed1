import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSyllable, wadeGilesReadings } from './syllables.ts';

describe('Chinese and Korean syllables', () => {
  it('knows a romanised syllable from a European word', () => {
    for (const s of ['tse', 'tung', "p'ing", 'hsiao', 'jong', 'myong', 'sik', 'chul'])
      assert.equal(isSyllable(s), true, s);
    for (const w of ['jean', 'paul', 'diaz', 'canel', 'marie']) assert.equal(isSyllable(w), false, w);
  });

  it('reads Wade-Giles as pinyin, the unaspirated reading first', () => {
    assert.equal(wadeGilesReadings('tse tung')[0], 'zedong');
    assert.deepEqual(wadeGilesReadings("hsiao p'ing"), ['xiaoping']); // the apostrophe: aspirated
    assert.ok(wadeGilesReadings('hsiao ping').includes('xiaoping'));
    assert.deepEqual(wadeGilesReadings('chih'), ['zhi', 'chi']); // retroflex before -ih
    assert.deepEqual(wadeGilesReadings('chiang'), ['jiang', 'qiang']); // palatal before i
    assert.deepEqual(wadeGilesReadings('tzu'), ['zi', 'ci']);
  });

  it('gives no reading to what Wade-Giles alone would not write', () => {
    for (const w of ['mao', 'li', 'zedong', 'xiaoping', 'teng', 'jean', 'myong sik'])
      assert.deepEqual(wadeGilesReadings(w), [], w);
  });
});
