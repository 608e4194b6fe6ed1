import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseName, parseNameParts } from './parse.ts';

/** form:role of each part, for short assertions. */
const roles = (name: string) => parseName(name).parts.map((p) => `${p.form}:${p.role}`);
const forms = (name: string) => parseName(name).parts.map((p) => p.form);

describe('the parts of an Arabic name by position', () => {
  it('reads given name, father, grandfather and family in order', () => {
    assert.deepEqual(roles('Fatima Ali Hassan al-Douri'), [
      'fatima:given',
      'ali:father',
      'hassan:grandfather',
      'douri:family',
    ]);
  });

  it('keeps the order: a swapped nasab is another sequence of roles', () => {
    assert.deepEqual(roles('Salman bin Muhammad al-Rawi'), [
      'salman:given',
      'muhammad:father',
      'rawi:family',
    ]);
    assert.deepEqual(roles('Muhammad bin Salman al-Rawi'), [
      'muhammad:given',
      'salman:father',
      'rawi:family',
    ]);
  });

  it('reads a part after bin, ibn, bint, بن, ابن as a parent, not a family name', () => {
    const [, father] = parseName('Mohammed bin Salman').parts;
    assert.equal(father!.role, 'father');
    assert.equal(father!.certain, false); // "Osama bin Laden": it may be a family name
    assert.deepEqual(roles('Fatima bint Ali ibn Hassan'), [
      'fatima:given',
      'ali:father',
      'hassan:grandfather',
    ]);
    assert.deepEqual(roles('محمد بن سلمان بن عبد العزيز'), [
      'محمد:given',
      'سلمان:father',
      'عبد عزيز:grandfather',
    ]);
  });

  it('takes the last of three parts for the family name, but not for certain', () => {
    const parts = parseName('Ahmed Ali Hassan').parts;
    assert.equal(parts[2]!.role, 'family');
    assert.equal(parts[2]!.certain, false);
    assert.equal(parseName('Ahmed Ali al-Hassan').parts[2]!.certain, true);
  });

  it('gives names of another structure middle names', () => {
    assert.deepEqual(roles('Sergey Viktorovich Lavrov'), [
      'sergey:given',
      'viktorovich:middle',
      'lavrov:family',
    ]);
  });
});

describe('the article', () => {
  it('drops al-, el-, Al and the assimilated forms, keeping that the part had one', () => {
    for (const name of [
      'Fatma Aly Ad-Douri',
      'Fatma Aly al-Douri',
      'Fatma Aly El Douri',
      'Fatma Aly AlDouri',
    ]) {
      const family = parseName(name).parts[2]!;
      assert.equal(family.form, 'douri', name);
      assert.equal(family.certain, true, name);
    }
    assert.equal(parseName('Ahmad ash-Shami').parts[1]!.form, 'shami');
    assert.equal(parseName('فاطمة علي الدوري').parts[2]!.form, 'دوري');
  });

  it('keeps both readings of a family name that may start with a glued article', () => {
    const family = parseName('Ahmed Ali ALALI').parts[2]!;
    assert.equal(family.form, 'ali');
    assert.equal(family.alt, 'alali');
    assert.equal(parseName('Ahmed AlAli').parts[1]!.alt, undefined); // the capital says article
  });

  it('does not take the al of a given name for an article', () => {
    assert.deepEqual(forms('Ali Alaa'), ['ali', 'alaa']);
    assert.equal(parseName('الياس محمد').parts[0]!.alt, 'الياس');
  });
});

describe('compound names', () => {
  it('reads every spelling of Abd al-X as one part', () => {
    for (const name of ['Abd al-Aziz', 'Abdulaziz', 'Abdel Aziz', 'Abd-al-Aziz', 'AbdelAziz', 'Abd Alaziz']) {
      assert.deepEqual(forms(name), ['abd aziz'], name);
    }
    assert.deepEqual(forms('عبد العزيز'), ['عبد عزيز']);
    assert.deepEqual(forms('عبدالعزيز'), ['عبد عزيز']);
    assert.deepEqual(forms('Abderrahmane'), ['abd rahmane']);
    assert.deepEqual(forms('Abdullah'), forms('Abd Allah'));
  });

  it('reads X al-Din and X-ullah as one part', () => {
    for (const name of ['Salah al-Din', 'Salaheddine', 'Salahuddin', 'Salah ud-Din', 'Salah Eddine']) {
      assert.deepEqual(forms(name), ['salah din'], name);
    }
    assert.deepEqual(forms('صلاح الدين'), ['صلاح دين']);
    assert.deepEqual(forms('Nasrallah'), ['nasr lah']);
    assert.deepEqual(forms('Zia-ur-Rahman'), ['zia rahman']);
  });

  it('reads Abu and Umm with the name after them as a kunya, apart from the chain', () => {
    assert.deepEqual(roles('Abu Hamza Ahmed Ali Hassan'), [
      'ahmed:given',
      'ali:father',
      'hassan:family',
      'abu hamza:kunya',
    ]);
    assert.deepEqual(roles('أم علي فاطمة'), ['فاطمه:given', 'ام علي:kunya']);
  });

  it('reads Abu Bakr as a given name', () => {
    assert.deepEqual(roles('Abu Bakr Omar'), ['abu bakr:given', 'omar:family']);
  });

  it('reads syllables joined by a hyphen as one Chinese or Korean given name', () => {
    assert.deepEqual(forms('Liang Tse-tung'), ['liang', 'tse tung']);
    assert.deepEqual(forms('PAK MYONG-SIK'), ['pak', 'myong sik']);
    // European double names keep their capitals; Arabic compounds are read as before.
    assert.deepEqual(forms('Jean-Paul Quillborough'), ['jean', 'paul', 'quillborough']);
    assert.deepEqual(forms('Anselm Tobias Diaz-Canel'), ['anselm', 'tobias', 'diaz', 'canel']);
    assert.deepEqual(forms('SALAH-AL-DIN'), ['salah din']);
    assert.deepEqual(forms('Abu-Bakr Omar'), ['abu bakr', 'omar']);
  });

  it('reads a Korean name in Hangul as a family syllable and a given name', () => {
    assert.deepEqual(forms('박정은'), ['박', '정은']);
    assert.deepEqual(forms('박 정은'), ['박', '정은']);
  });

  it('reads a kunya between two names of the chain as an ancestor', () => {
    assert.deepEqual(roles('Karim Abd el-Samie Abu el-Hassan el-Halabi'), [
      'karim:given',
      'abd samie:father',
      'abu hassan:grandfather',
      'halabi:family',
    ]);
    assert.deepEqual(roles('Ahmed Ali Abu Hamza'), ['ahmed:given', 'ali:family', 'abu hamza:kunya']);
  });

  it('joins the particles of European family names', () => {
    assert.deepEqual(forms('Emily Du Bois'), forms('Emily Dubois'));
    assert.deepEqual(forms('Anna van der Berg'), ['anna', 'vanderberg']);
  });
});

describe('FAMILY, Given order', () => {
  it('reads the words before a comma as the family name', () => {
    assert.deepEqual(roles('AL-DOURI, Fatima Ali'), ['fatima:given', 'ali:father', 'douri:family']);
    assert.equal(parseName('DOURI, Fatima Ali').parts[2]!.certain, true);
  });

  it('reads leading words in capitals as the family name when the rest is not in capitals', () => {
    assert.deepEqual(roles('NURISTANI Abdul Aziz'), ['abd aziz:given', 'nuristani:family']);
    assert.deepEqual(roles('FATIMA ALI DOURI'), ['fatima:given', 'ali:father', 'douri:family']);
  });
});

describe('other writing', () => {
  it('drops titles at the start', () => {
    assert.deepEqual(forms('Dr. Rami Makhlouf'), ['rami', 'makhlouf']);
    assert.deepEqual(forms('Sheikh Isa Tarif'), ['isa', 'tarif']);
  });

  it('reads the one name after a title of address as the family name', () => {
    assert.deepEqual(roles('President Quillborough'), ['quillborough:family']);
    assert.deepEqual(roles('Mrs Haverkamp'), ['haverkamp:family']);
    assert.deepEqual(roles('Colonel Tarifi'), ['tarifi:family']);
    assert.equal(parseName('Colonel Tarifi').parts[0]!.certain, true);
    // Sheikh, Mullah, Sir go with the given name; a title before two names changes nothing.
    assert.deepEqual(roles('Sheikh Isa'), ['isa:given']);
    assert.deepEqual(roles('Mullah Yasin'), ['yasin:given']);
    assert.deepEqual(roles('Mr Tomasz Wierzbicki'), ['tomasz:given', 'wierzbicki:family']);
  });

  it('reads initials glued to a name or run together', () => {
    assert.deepEqual(forms('JHaverkamp'), ['j', 'haverkamp']);
    assert.deepEqual(forms('TW Quillborough'), ['t', 'w', 'quillborough']);
    assert.equal(parseName('TW Quillborough').parts[0]!.initial, true);
    // Not a capitalised name (McNulty), a word with a vowel, Ng, a company form, nor all capitals.
    assert.deepEqual(forms('Tomasz McNulty'), ['tomasz', 'mcnulty']);
    assert.deepEqual(forms('NG Kwok'), ['kwok', 'ng']);
    assert.deepEqual(forms('Ilse Brandauer LLC'), ['ilse', 'brandauer']);
    assert.deepEqual(forms('TW QUILLBOROUGH'), ['tw', 'quillborough']);
  });

  it('says when nothing in the writing fixes the order of a name', () => {
    assert.equal(parseName('Tomasz Wierzbicki').freeOrder, true);
    assert.equal(parseName('WIERZBICKI Tomasz').freeOrder, false);
    assert.equal(parseName('Wierzbicki, Tomasz').freeOrder, false);
    assert.equal(parseName('Ahmed Hassan').freeOrder, false);
    assert.equal(parseName('Osama bin Laden').freeOrder, false);
  });

  it('says when a name of free order is likely written family name first', () => {
    assert.equal(parseName('Zaretskiy Arkadiy').familyFirst, true); // a Slavic family ending first
    assert.equal(parseName('Haverkamp Arkadiy Romanovich').familyFirst, true); // a patronymic last
    assert.equal(parseName('Хаверкамп Аркадий').familyFirst, true); // Cyrillic
    assert.equal(parseName('Haverkamp Arkadiy').familyFirst, false);
    assert.equal(parseName('Arkadiy Romanovich Haverkamp').familyFirst, false);
    assert.equal(parseName('ZARETSKIY, Arkadiy').familyFirst, false); // the comma fixes the order
  });

  it('drops generations and company forms after a name', () => {
    assert.deepEqual(forms('Bartholomew Quill Jr.'), ['bartholomew', 'quill']);
    assert.deepEqual(forms('Ilse Brandauer GmbH'), ['ilse', 'brandauer']);
    // Two words at least stay: "Li Sa" is a name.
    assert.deepEqual(forms('Li Sa'), ['li', 'sa']);
  });

  it('reads the Latvian nominative -s after v or j as the name without it', () => {
    assert.deepEqual(forms('Andrejs Petrovs'), ['andrej', 'petrov']);
    assert.deepEqual(forms('Anas Yunus'), ['anas', 'yunus']);
  });

  it('keeps initials, but drops a stray letter among three full names', () => {
    assert.equal(parseName('J. Smith').parts[0]!.initial, true);
    assert.deepEqual(forms('EL-JABOURI,I ESMAIL BILAL UMAR'), ['esmail', 'bilal', 'umar', 'jabouri']);
  });

  it('parses a name given as parts by its fields', () => {
    const parsed = parseNameParts({ given: 'Fatima', father: 'Ali', family: 'Al-Douri', kunya: 'Umm Ahmad' });
    assert.deepEqual(
      parsed.parts.map((p) => `${p.form}:${p.role}:${p.certain}`),
      ['fatima:given:true', 'ali:father:true', 'douri:family:true', 'umm ahmad:kunya:true'],
    );
  });
});
