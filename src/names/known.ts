// Known names: whether a form is a name people bear, or a typo. Between two known names a near
// miss is another name (Saad is not Said); between a name and an unknown form it is most likely a
// slip of the keyboard (Mohantad for Mohannad). Without a registry, "known" means one of the
// frequent names of `vowels.ts`, in Arabic script or in a Latin spelling close to its usual
// romanisation; the index adds every form that several registered people bear.
import { skeletons } from './keys.ts';
import type { Script } from './normalise.ts';
import { type Sounds, similarity, sounds } from './similarity.ts';
import { ROMANISATIONS, vocalise } from './vowels.ts';

/** Similarity from which a Latin spelling is taken for a listed name. */
const SPELLING = 0.88;

/** The listed romanisations by skeleton. */
const ROMANISED = new Map<string, Sounds[]>();
for (const r of ROMANISATIONS) {
  const key = skeletons(r, 'latin')[0]!;
  ROMANISED.set(key, [...(ROMANISED.get(key) ?? []), sounds(r, 'latin')]);
}
const memo = new Map<string, boolean>();

/** A frequent name, in Arabic script or in a Latin spelling; a compound if each piece is one. */
export function knownName(form: string, script: Script): boolean {
  if (script === 'arabic') return vocalise(form) !== null;
  if (script !== 'latin') return false;
  let known = memo.get(form);
  if (known === undefined) {
    known = form.split(' ').every((piece) => {
      const own = sounds(piece, 'latin');
      return skeletons(piece, 'latin').some((key) =>
        (ROMANISED.get(key) ?? []).some((r) => similarity(own, r) >= SPELLING),
      );
    });
    if (memo.size > 100_000) memo.clear();
    memo.set(form, known);
  }
  return known;
}
