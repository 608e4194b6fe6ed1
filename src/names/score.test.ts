import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNames, evidence } from './score.ts';

const decision = (a: string, b: string) => compareNames(a, b).decision;

describe('one person written two ways', () => {
  it('matches across scripts and spellings', () => {
    assert.equal(decision('فاطمة علي حسن الدوري', 'Fatma Aly Hasan Ad-Douri'), 'match');
    assert.equal(
      decision('Mohammed Abdulaziz Hussein al-Tikriti', 'MUHAMMAD ABD AL-AZIZ HUSAIN AL TIKRITI'),
      'match',
    );
    assert.equal(decision('Khadija Youssef Omar al-Hamad', 'خديجة يوسف عمر الحمد'), 'match');
  });

  it('matches "FAMILY, Given Father" against the name in order', () => {
    assert.equal(decision('DOURI, Fatima Ali Hassan', 'Fatima Ali Hassan al-Douri'), 'match');
  });

  it('matches when one list leaves out the grandfather', () => {
    const c = compareNames('Fatima Ali Hassan al-Douri', 'Fatma Aly Ad-Douri');
    assert.equal(c.decision, 'match');
    assert.match(c.reason, /missing: grandfather hassan only in the first/);
  });

  it('reads a lost or moved space', () => {
    assert.equal(decision('Dawood Adnan Ali al-Hamad', 'DawoodA dnan Ali al-Hamad'), 'match');
  });

  it('reads a typo of a name as that name, with less weight', () => {
    const c = compareNames('Mohantad Ali Hassan al-Masri', 'Mohannad Ali Hassan al-Masri');
    assert.equal(c.decision, 'match');
    assert.ok(c.score < 1);
  });
});

describe('two people whose names look alike', () => {
  it('tells a reversed nasab apart', () => {
    assert.equal(decision('Salman bin Muhammad', 'Muhammad bin Salman'), 'no-match');
    assert.equal(decision('Salman bin Muhammad al-Rawi', 'Muhammad bin Salman al-Rawi'), 'no-match');
    assert.equal(decision('Yassin Anas Tareq Duri', 'Anas Yaseen Tarek Duri'), 'no-match');
  });

  it('tells another father, grandfather or family apart', () => {
    assert.equal(decision('Ahmed Ali Hassan al-Masri', 'Ahmed Omar Hassan al-Masri'), 'no-match');
    assert.equal(decision('Ahmed Ali Hassan al-Masri', 'Ahmed Ali Yasin al-Masri'), 'no-match');
    assert.equal(decision('Ahmed Ali Hassan al-Masri', 'Ahmed Ali Hassan al-Halabi'), 'no-match');
  });

  it('tells Hassan from Hussein, Saad from Said, Mahmud from Muhammad', () => {
    assert.equal(decision('Hassan Ali Omar al-Masri', 'Hussein Ali Omar al-Masri'), 'no-match');
    assert.equal(decision('Saad Ali Omar al-Masri', 'Said Ali Omar al-Masri'), 'no-match');
    assert.equal(decision('Saad Ali Omar al-Masri', 'سعيد علي عمر المصري'), 'no-match');
    assert.equal(decision('Mahmud Ali Omar al-Masri', 'Muhammad Ali Omar al-Masri'), 'no-match');
    assert.equal(decision('Ammar Ali Omar al-Masri', 'عمر علي عمر المصري'), 'no-match');
  });

  it('says how they differ', () => {
    const c = compareNames('Ahmed Ali Hassan al-Masri', 'Ahmed Omar Hassan al-Masri');
    assert.match(c.reason, /differ: father ali \/ omar/);
    assert.match(c.reason, /agree: given name ahmed \/ ahmed/);
  });
});

describe('weighing the evidence', () => {
  it('keeps a common short name from being a match on its own', () => {
    assert.notEqual(decision('Mohammed Ali', 'Muhammad Ali'), 'match');
    assert.equal(decision('Emilie Garcia', 'Emily Garcia'), 'match');
  });

  it('asks less of a name that has no father than of one whose father differs', () => {
    assert.ok(compareNames('Sergey Lavrov', 'Sergey Viktorovich Lavrov').score > 0.85);
    assert.equal(decision('Sergey Viktorovich Lavrov', 'Sergey Ivanovich Lavrov'), 'no-match');
  });

  it('reads two known names as two, a known name and an unknown form as a slip', () => {
    assert.equal(evidence(0.8, 'names').conflict, true);
    assert.equal(evidence(0.8, 'typo').conflict, false);
    assert.equal(evidence(0.5, 'typo').conflict, true);
  });

  it('reads one letter typed wrong in an unknown name as a slip, strongly enough for a match', () => {
    assert.equal(evidence(0.6, 'slip').conflict, false);
    assert.equal(decision('Ingrid Thorvaldsen', 'Ingrid Thorvalsen'), 'match');
    assert.equal(decision('Brigitta Haverkamp', 'Brigitta Javerkamp'), 'match');
  });

  it('does not read two unknown names that merely sound alike as one', () => {
    // Neither a slip nor one skeleton of consonants: a doubt, never a match.
    const c = compareNames('Teodor Marchetti', 'Teodor Mariotti');
    assert.equal(c.decision, 'possible');
    assert.match(c.reason, /differ: family name marchetti \/ mariotti \(close\)/);
    assert.equal(decision('Teodor Bramwell', 'Teodor Brambleton'), 'no-match');
    // Two spellings of one skeleton are still one name.
    assert.equal(decision('Khalid Makhlouf al-Darwish', 'Khalid Mukhlif al-Darwish'), 'match');
  });

  it('weighs an initial against a name as the initial alone', () => {
    assert.notEqual(decision('T. W.', 'Tomasz Wierzbicki'), 'match');
  });

  it('flags nobody on initials alone', () => {
    assert.equal(decision('T. W.', 'Tomasz Wierzbicki'), 'no-match');
    assert.equal(decision('N.N.', 'Nadia Novak'), 'no-match');
    assert.equal(decision('TW Wierzbicki', 'Tomasz Wierzbicki'), 'match');
  });

  it('reads a hypocorism as its full name', () => {
    assert.equal(decision('Ted Harrowgate', 'Theodore Harrowgate'), 'match');
    assert.equal(decision('Sasha Wierzbicka', 'Aleksandra Wierzbicka'), 'match');
    assert.equal(decision('Bill Harrowgate', 'Will Harrowgate'), 'match'); // both William
    // A nickname is no other name's: Ted is not Thomas, and the family name must still agree.
    assert.equal(decision('Ted Harrowgate', 'Thomas Harrowgate'), 'no-match');
    assert.equal(decision('Ted Harrowgate', 'Theodore Bramwell'), 'no-match');
  });

  it('reads a clipped given name as a doubt, not a name made of it', () => {
    assert.equal(decision('Abiy Tesfaye', 'Abiyot Tesfaye'), 'possible');
    assert.match(compareNames('Abiy Tesfaye', 'Abiyot Tesfaye').reason, /abiy \/ abiyot \(close\)/);
    // A patronymic, a family name made of the given name: another person.
    assert.equal(decision('Oleksandr Haverkamp', 'Oleksandrovych Haverkamp'), 'no-match');
    assert.equal(decision('Johan Haverkamp', 'Johansson Haverkamp'), 'no-match');
    // Never a match: Sam may be Samir or not. Two spellings stay spellings (Kowalskaja).
    assert.equal(decision('Sam Haverkamp', 'Samir Haverkamp'), 'possible');
    assert.equal(decision('Ana Kowalska', 'Ana Kowalskaja'), 'match');
  });

  it('reads Wade-Giles as pinyin, and Chinese or Korean syllables as names', () => {
    assert.equal(decision('Liang Tse-tung', 'Liang Zedong'), 'match');
    assert.equal(decision('Liang Tse-tung', 'Liang Zedan'), 'no-match');
    assert.equal(decision('Pak Myong-sik', 'Pak Myong Sik'), 'match');
    assert.equal(decision('Pak Myong-sik', 'Pak Myong-guk'), 'no-match');
    // A character replaced in Han script is another name, not a slip.
    assert.equal(decision('高石早苗', '高市早苗'), 'no-match');
    // A syllable that is another is another name, however close in Latin letters.
    assert.equal(decision('Pak Jong-un', 'Pak Jong-in'), 'no-match');
  });

  it('reads Hangul and Devanagari against a romanisation, and Hangul against Hangul as written', () => {
    for (const latin of ['Pak Jong-un', 'PAK JONG UN', 'Pak Jong Un'])
      assert.equal(decision('박정은', latin), 'match', latin);
    assert.equal(decision('박정은', 'Pak Jong In'), 'no-match');
    // 영 and 용 are both "yong" in Latin letters, but two names.
    assert.equal(decision('박영철', '박용철'), 'no-match');
    assert.equal(decision('박영철', 'Pak Yong Chol'), 'match');
    assert.equal(decision('राम शर्मा', 'Ram Sharma'), 'match');
    assert.equal(decision('राम शर्मा', 'Ravi Sharma'), 'no-match');
  });

  it('reads an ancestor named by a kunya as an ancestor', () => {
    const a = 'Karim Abd el-Samie Abu el-Hassan el-Halabi';
    assert.equal(decision(a, 'Karim Abd el-Samie Abu el-Yazid el-Halabi'), 'no-match');
    assert.equal(decision(a, 'KARIM ABD AL-SAMI ABOU AL-HASAN AL-HALABI'), 'match');
  });

  it('reads a family name alone after a title of address as a doubt, not another person', () => {
    const c = compareNames('President Quillborough', 'Anselm Tobias Quillborough');
    assert.equal(c.decision, 'possible');
    assert.match(c.reason, /given name anselm only in the second/);
    assert.equal(decision('President Quillborough', 'Anselm Bramwell'), 'no-match');
  });

  it("tells a man's Slavic family name from a woman's", () => {
    assert.equal(decision('Aziza Karimova', 'Aziza Karimowa'), 'match');
    assert.equal(decision('Aziz Karimov', 'Aziza Karimova'), 'no-match');
    assert.equal(decision('Olga Zaretskaya', 'Oleg Zaretskiy'), 'no-match');
    assert.equal(decision('Irina Pavlovna Orlova', 'Irina Pavlovich Orlova'), 'no-match');
  });

  it('reads a name nothing orders in another order, as a doubt', () => {
    const c = compareNames('Haverkamp Tomasz', 'Tomasz Haverkamp');
    assert.equal(c.decision, 'possible');
    assert.match(c.reason, /read in another order/);
    assert.equal(decision('Tomasz Wierzbicki', 'Adam Tomasz Wierzbicki'), 'possible');
    // Where the writing gives the order, a swap is another person.
    assert.equal(decision('Ahmed Hassan', 'Hassan Ahmed'), 'no-match');
    assert.equal(decision('Salman bin Muhammad', 'Muhammad bin Salman'), 'no-match');
    assert.equal(decision('WIERZBICKI Tomasz', 'Tomasz Wierzbicki'), 'match');
  });

  it('reads a name likely written family name first so, as no doubt', () => {
    // A Slavic family ending first, a patronymic last, Cyrillic script: the Russian order.
    assert.equal(decision('Zaretskiy Arkadiy', 'Arkadiy Zaretskiy'), 'match');
    assert.equal(decision('Haverkamp Arkadiy Romanovich', 'Arkadiy Romanovich Haverkamp'), 'match');
    const c = compareNames('Хаверкамп Аркадий', 'Arkadii Romanovich Haverkamp');
    assert.equal(c.decision, 'match');
    assert.match(c.reason, /read in another order/);
    // Nothing says so in a Kurdish name: a doubt; and never in a name of Arabic structure.
    assert.equal(decision('Berxwedan Rojin', 'Rojin Berxwedan'), 'possible');
    assert.equal(decision('Salman bin Muhammad', 'Muhammad bin Salman'), 'no-match');
  });

  it('matches two mononyms when the one part agrees and is no frequent name', () => {
    assert.equal(decision('Wirotsaputro', 'Wirotsaputro'), 'match');
    assert.notEqual(decision('Mohammed', 'Mohammed'), 'match');
    assert.notEqual(decision('Wirotsaputro', 'Wirotsaputro Hadi'), 'match');
  });

  it('turns sex, birth year and nationality that disagree against a match', () => {
    const same = 'Fatima Ali Hassan al-Douri';
    assert.equal(compareNames(same, same, { a: { sex: 'female' }, b: { sex: 'male' } }).decision, 'no-match');
    assert.equal(
      compareNames(same, same, { a: { birthYear: 1990 }, b: { birthYear: 2001 } }).decision,
      'no-match',
    );
    assert.equal(
      compareNames(same, same, { a: { birthYear: 1990 }, b: { birthYear: 1991 } }).decision,
      'match',
    );
    const estimated = compareNames(same, same, {
      a: { birthYear: 1990, birthYearEstimated: true },
      b: { birthYear: 1994 },
    });
    assert.equal(estimated.decision, 'match');
    const nationality = compareNames(same, same, {
      a: { nationalities: ['IRQ'] },
      b: { nationalities: ['SYR'] },
    });
    assert.ok(nationality.score < 1);
    assert.match(nationality.reason, /nationality IRQ \/ SYR/);
  });

  it('scores in [0, 1] with the decision the score and the evidence allow', () => {
    for (const [a, b] of [
      ['', 'Ahmed'],
      ['Ahmed', 'Ahmed'],
      ['金正恩', 'Kim Jong-un'],
      ['Ali', 'Abu Ali'],
    ]) {
      const c = compareNames(a!, b!);
      assert.ok(c.score >= 0 && c.score <= 1, `${a} / ${b}: ${c.score}`);
      if (c.decision === 'match') assert.ok(c.score >= 0.85);
    }
  });
});
