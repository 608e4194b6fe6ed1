// Where the map writes each facility's code: beside its mark, on the first side where it covers neither
// another mark nor a label already placed. Facilities a few kilometres apart (the two Hasakah prisons)
// would otherwise have their codes written over each other.

export interface Mark {
  x: number;
  y: number;
  text: string;
}

export interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The label font's size and the width of one of its capitals, in map units (see `.map .facilities text`). */
const FONT_SIZE = 12;
const CHAR_WIDTH = 8;
/** Half the side of a facility's square mark, and the space between a mark and its label. */
const MARK = 6;
const GAP = 4;

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Places the labels in the order of `marks`; each answer is the label's baseline point and anchor. */
export function placeLabels(marks: readonly Mark[]): LabelPlace[] {
  const taken: Box[] = marks.map(({ x, y }) => ({
    left: x - MARK,
    right: x + MARK,
    top: y - MARK,
    bottom: y + MARK,
  }));
  return marks.map(({ x, y, text }) => {
    const width = text.length * CHAR_WIDTH;
    const side = MARK + GAP;
    // Right, left, then above and below on either side.
    const choices: LabelPlace[] = [
      { x: x + side, y: y + FONT_SIZE / 3, anchor: 'start' },
      { x: x - side, y: y + FONT_SIZE / 3, anchor: 'end' },
      { x: x + side, y: y - MARK, anchor: 'start' },
      { x: x + side, y: y + MARK + FONT_SIZE, anchor: 'start' },
      { x: x - side, y: y - MARK, anchor: 'end' },
      { x: x - side, y: y + MARK + FONT_SIZE, anchor: 'end' },
    ];
    const boxOf = (p: LabelPlace): Box => ({
      left: p.anchor === 'start' ? p.x : p.x - width,
      right: p.anchor === 'start' ? p.x + width : p.x,
      top: p.y - FONT_SIZE,
      bottom: p.y + FONT_SIZE / 4,
    });
    const place = choices.find((p) => !taken.some((box) => overlaps(box, boxOf(p)))) ?? choices[0]!;
    taken.push(boxOf(place));
    return place;
  });
}
