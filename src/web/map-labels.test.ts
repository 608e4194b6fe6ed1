import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeLabels } from './map-labels.ts';

/** The box a label covers, as placeLabels reckons it. */
const box = (p: { x: number; y: number; anchor: string }, text: string) => {
  const width = text.length * 8;
  return {
    left: p.anchor === 'start' ? p.x : p.x - width,
    right: p.anchor === 'start' ? p.x + width : p.x,
    top: p.y - 12,
    bottom: p.y + 3,
  };
};

describe('facility labels on the map', () => {
  it('writes a lone facility code to the right of its mark', () => {
    const [place] = placeLabels([{ x: 100, y: 100, text: 'HOL' }]);
    assert.equal(place!.anchor, 'start');
    assert.ok(place!.x > 100 && Math.abs(place!.y - 104) <= 1);
  });

  it('keeps the codes of two facilities a few pixels apart from covering each other or the other mark', () => {
    const marks = [
      { x: 688, y: 613, text: 'HSC' },
      { x: 686, y: 622, text: 'HSK' },
    ];
    const [a, b] = placeLabels(marks).map((p, i) => box(p, marks[i]!.text));
    const apart = a!.right <= b!.left || b!.right <= a!.left || a!.bottom <= b!.top || b!.bottom <= a!.top;
    assert.ok(apart, JSON.stringify({ a, b }));
    for (const [label, mark] of [
      [a!, marks[1]!],
      [b!, marks[0]!],
    ] as const) {
      const covers =
        label.left < mark.x + 6 &&
        mark.x - 6 < label.right &&
        label.top < mark.y + 6 &&
        mark.y - 6 < label.bottom;
      assert.ok(!covers, `${JSON.stringify(label)} covers the mark at ${mark.x},${mark.y}`);
    }
  });
});
