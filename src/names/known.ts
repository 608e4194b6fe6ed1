// Known names: whether a form is a name people bear, or a typo. Between two known names a near
// miss is another name (Saad is not Said); between a name and an unknown form it is most likely a
// slip of the keyboard (Mohantad for Mohannad). Without a registry, "known" means one of the
// frequent names of `vowels.ts`, in Arabic script or in a Latin spelling close to its usual
// romanisation; the index adds every form that several registered people bear.
import { europeanKey, skeletons } from './keys.ts';
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

/**
 * How two forms that sound close but not alike may be one name, when neither is known to be a
 * name people bear: `slip`, one letter typed wrong, left out, added or swapped with its neighbour
 * (Serei, Anglea, Hanniball), in words of four letters or more; `spelling`, two spellings of one
 * skeleton of consonants (Haled, Khalid; Mukhlif, Makhlouf); or `other`, two names that merely
 * sound alike (Castro, Castillo; Orban, Orbach).
 */
export type Variance = 'slip' | 'spelling' | 'other';

const varianceMemo = new Map<string, Variance>();

/**
 * Scripts whose every character is a syllable or a morpheme (Han, Hangul, kana, Yi): a character
 * replaced is another name (高市, 高石), not a slip of the keyboard.
 */
const SYLLABIC = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Yi}]/u;

export function variance(a: string, b: string, script: Script, otherScript: Script): Variance {
  if (script !== otherScript) return 'spelling';
  const key = `${a}|${b}`;
  let v = varianceMemo.get(key);
  if (v === undefined) {
    const slip = oneSlip(a, b) && !(script === 'other' && SYLLABIC.test(a + b));
    v = slip ? 'slip' : sharesSkeleton(a, b, script) ? 'spelling' : 'other';
    if (varianceMemo.size > 100_000) varianceMemo.clear();
    varianceMemo.set(key, v);
  }
  return v;
}

function sharesSkeleton(a: string, b: string, script: Script): boolean {
  const keys = new Set(skeletons(a, script));
  if (skeletons(b, script).some((k) => keys.has(k))) return true;
  const e = europeanKey(a, script);
  return e !== null && e === europeanKey(b, script);
}

/**
 * At most one letter inserted, left out, replaced or swapped with the next (both ≥ 4 letters).
 * j and y are one letter here: the same sound (й, the yod) written the German and Slavic way or
 * the English way (Sergej, Sergey), so "Serej" is one slip from either.
 */
export function oneSlip(a: string, b: string): boolean {
  const x = [...a.replace(/j/g, 'y')];
  const y = [...b.replace(/j/g, 'y')];
  if (x.length < 4 || y.length < 4 || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (i === x.length && i === y.length) return true;
  const rest = (p: number, q: number) => x.slice(p).join('') === y.slice(q).join('');
  if (x.length === y.length)
    return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

// Slavic family names and patronymics say the bearer's sex by their ending: Ivanov, Ivanova;
// Kowalski, Kowalska; Sergeyevich, Sergeyevna. A man and a woman are two people, however close
// the rest of their names (a husband and wife, a brother and sister).
const MALE_ENDING =
  /^[a-z]{3,}(?:(?:[oe]v|[oe]w|yov)|(?:sk|ck|tsk|zk)(?:i|iy|ii|iyy|yy|y|ij|yj)|(?:ov|ev|yev)(?:ich|ych|ic))$/;
const FEMALE_ENDING =
  /^[a-z]{3,}(?:(?:[oe]v|[oe]w|yov)a|(?:sk|ck|tsk|zk)(?:a|aya|aja|ya)|(?:ov|ev|yev)na|ichna)$/;

/** The sex a Latin part's Slavic ending says (Ivanova, Kowalski, Petrovna), if any. */
export function sexOfEnding(form: string, script: Script): 'male' | 'female' | undefined {
  if (script !== 'latin') return undefined;
  if (FEMALE_ENDING.test(form)) return 'female';
  if (MALE_ENDING.test(form)) return 'male';
  return undefined;
}

/** A Slavic patronymic (Viktorovich, Sergeyevna): a Russian name, written "Family Given Patronymic". */
export function isPatronymic(form: string, script: Script): boolean {
  return script === 'latin' && /^[a-z]{3,}(?:(?:ov|ev|yev)(?:ich|ych|na)|ichna)$/.test(form);
}
