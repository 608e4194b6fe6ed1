// Name parts, countries and places for the demo scenario. All SYNTHETIC: common given names, family and
// tribe names, kunyas and nisbas, combined at random; no entry or combination describes a real person.
// Each part is written in Arabic script and in the Latin spellings registrars wrote it in; the spellings
// follow the variation of the project's name-matching data (Hussein/Husain/Hossein, Chadi/Shadi,
// Karimova/Karimowa), and the demo adds the rest (al-/Al /El-/no article, capitals) per registrar.

/** One name part: Arabic script, and the Latin spellings it is found under. */
export interface NamePart {
  ar: string;
  latin: readonly [string, ...string[]];
}

const part = (ar: string, ...latin: [string, ...string[]]): NamePart => ({ ar, latin });

export const maleGiven: readonly NamePart[] = [
  part('محمد', 'Mohammed', 'Muhammad', 'Mohamad', 'Mohammad', 'Mohamed', 'Muhammed', 'Mhamed'),
  part('أحمد', 'Ahmed', 'Ahmad', 'Achmed', 'Ahmet'),
  part('علي', 'Ali', 'Aly'),
  part('عمر', 'Omar', 'Umar', 'Omer'),
  part('عبد الله', 'Abdullah', 'Abdallah', 'Abdulla', 'Abdellah', 'Abd-Allah'),
  part('عبد الرحمن', 'Abdulrahman', 'Abdelrahman', 'Abderrahmane', 'Abdurrahman', 'Abd-al-Rahman'),
  part('عبد العزيز', 'Abdulaziz', 'Abdelaziz', 'Abdel-Aziz', 'Abdalaziz'),
  part('عبد الحميد', 'Abdulhamid', 'Abdelhamid', 'Abdalhamid', 'Abd-al-Hamid'),
  part('عبد الكريم', 'Abdulkarim', 'Abdelkrim', 'Abdel-Karim', 'Abd-al-Karim'),
  part('خالد', 'Khalid', 'Khaled', 'Haled'),
  part('يوسف', 'Yusuf', 'Youssef', 'Yousef', 'Yousif', 'Youcef', 'Yussuf'),
  part('إبراهيم', 'Ibrahim', 'Ibraheem', 'Ebrahim', 'Brahim'),
  part('حسين', 'Hussein', 'Hussain', 'Husain', 'Hossein', 'Houssein'),
  part('حسن', 'Hassan', 'Hasan'),
  part('محمود', 'Mahmoud', 'Mahmud', 'Mahmood'),
  part('مصطفى', 'Mustafa', 'Moustafa', 'Mostafa', 'Mustapha'),
  part('صالح', 'Saleh', 'Salih'),
  part('حمزة', 'Hamza', 'Hamzah'),
  part('بلال', 'Bilal', 'Belal'),
  part('إسماعيل', 'Ismail', 'Ismael', 'Esmail'),
  part('ياسين', 'Yassin', 'Yasin', 'Yaseen'),
  part('زكريا', 'Zakaria', 'Zakariya', 'Zakariyya'),
  part('سليمان', 'Suleiman', 'Sulaiman', 'Soliman', 'Sleiman'),
  part('أنس', 'Anas', 'Anass'),
  part('طارق', 'Tariq', 'Tarek', 'Tareq', 'Tarik'),
  part('جمال', 'Jamal', 'Gamal', 'Djamal'),
  part('عثمان', 'Othman', 'Uthman', 'Osman', 'Outhmane'),
  part('فيصل', 'Faisal', 'Faysal', 'Fayssal'),
  part('سعيد', 'Said', 'Saeed', 'Saied'),
  part('جاسم', 'Jasim', 'Jassem', 'Jasem'),
  part('مهند', 'Muhannad', 'Mohannad'),
  part('ماجد', 'Majid', 'Majed', 'Maged'),
  part('وليد', 'Walid', 'Waleed', 'Oualid'),
  part('قاسم', 'Qasim', 'Qasem', 'Kasim', 'Kassem', 'Qassem'),
  part('عيسى', 'Issa', 'Eissa', 'Isa'),
  part('موسى', 'Musa', 'Moussa', 'Mousa'),
  part('داود', 'Dawud', 'Daoud', 'Dawood'),
  part('صلاح', 'Salah', 'Salaah'),
  part('صلاح الدين', 'Salahuddin', 'Salaheddine', 'Salah al-Din'),
  part('نور الدين', 'Nureddin', 'Nuraddin', 'Noureddine', 'Nour al-Din'),
  part('خليل', 'Khalil', 'Khaleel'),
  part('عمار', 'Ammar', 'Amar'),
  part('شادي', 'Shadi', 'Chadi'),
  part('باسل', 'Basil', 'Basel'),
  part('زياد', 'Ziad', 'Ziyad'),
  part('ناصر', 'Nasser', 'Naser', 'Nasir'),
  part('غسان', 'Ghassan', 'Ghasan'),
  part('أيمن', 'Ayman', 'Aymen'),
  part('نبيل', 'Nabil', 'Nabeel'),
  part('سعد', 'Saad', 'Sad'),
  part('حازم', 'Hazem', 'Hazim'),
  part('هاني', 'Hani', 'Hany'),
  part('جلال', 'Jalal', 'Galal', 'Djalal'),
  part('حامد', 'Hamid', 'Hamed'),
  part('عادل', 'Adel', 'Adil'),
  part('رشيد', 'Rashid', 'Rasheed', 'Rachid'),
  part('منصور', 'Mansour', 'Mansur'),
  part('عماد', 'Imad', 'Emad'),
  part('كريم', 'Karim', 'Kareem'),
  part('عدنان', 'Adnan', 'Adnane'),
  part('مراد', 'Murad', 'Mourad'),
  part('ياسر', 'Yasser', 'Yasir'),
  part('فارس', 'Fares', 'Faris'),
  part('معاذ', 'Muadh', 'Moaz', 'Mouaz', 'Muath'),
  part('هشام', 'Hisham', 'Hesham', 'Hicham'),
  part('سلطان', 'Sultan', 'Soltan'),
  part('حمدان', 'Hamdan', 'Hamdane'),
  part('جابر', 'Jabir', 'Jaber'),
];

export const femaleGiven: readonly NamePart[] = [
  part('فاطمة', 'Fatima', 'Fatma', 'Fatimah', 'Fatmeh'),
  part('عائشة', 'Aisha', 'Aysha', 'Ayesha', 'Aicha'),
  part('خديجة', 'Khadija', 'Khadidja', 'Khadeeja'),
  part('مريم', 'Maryam', 'Mariam', 'Myriam'),
  part('زينب', 'Zainab', 'Zeinab', 'Zaynab', 'Zineb'),
  part('أسماء', 'Asma', 'Asmaa'),
  part('حفصة', 'Hafsa', 'Hafsah'),
  part('صفية', 'Safiya', 'Safia', 'Safiyya'),
  part('رقية', 'Ruqayya', 'Ruqaya', 'Roukaya'),
  part('أمينة', 'Amina', 'Aminah', 'Amineh'),
  part('سمية', 'Sumayyah', 'Soumaya'),
  part('هدى', 'Huda', 'Houda', 'Hoda'),
  part('نور', 'Nour', 'Noor', 'Nur'),
  part('ليلى', 'Layla', 'Leila', 'Leyla', 'Laila'),
  part('سارة', 'Sara', 'Sarah'),
  part('رحمة', 'Rahma', 'Rahmah'),
  part('هبة', 'Hiba', 'Heba'),
  part('جميلة', 'Jamila', 'Djamila', 'Gamila'),
  part('ياسمين', 'Yasmin', 'Yasmine', 'Yasmeen'),
  part('سلمى', 'Salma', 'Selma'),
  part('منى', 'Mona', 'Muna'),
  part('نادية', 'Nadia', 'Nadiya'),
  part('سعاد', 'Suad', 'Souad'),
  part('خولة', 'Khawla', 'Khaula', 'Khaoula'),
  part('إيمان', 'Iman', 'Eman', 'Imane'),
  part('أمل', 'Amal', 'Amel'),
  part('وفاء', 'Wafa', 'Wafaa'),
  part('حليمة', 'Halima', 'Halimah'),
  part('هاجر', 'Hajar', 'Hagar'),
  part('حنان', 'Hanan'),
  part('إسراء', 'Israa', 'Esraa', 'Isra'),
  part('دعاء', 'Duaa', 'Doaa'),
];

/**
 * Family, tribe and place names (nisba). The article is written `al-` here; each registrar writes it
 * their own way (al-Khatib, Al Khatib, AlKhatib, el-Khatib, Khatib).
 */
export const familyNames: readonly NamePart[] = [
  part('الخطيب', 'al-Khatib', 'al-Khateeb'),
  part('الزبيدي', 'al-Zubaidi', 'al-Zoubaidi', 'al-Zubeidi'),
  part('الأنصاري', 'al-Ansari', 'al-Ansary'),
  part('التكريتي', 'al-Tikriti', 'al-Takriti'),
  part('العلي', 'al-Ali'),
  part('الحمد', 'al-Hamad', 'al-Hamed'),
  part('القحطاني', 'al-Qahtani', 'al-Kahtani'),
  part('الشمري', 'al-Shammari', 'al-Shammary', 'al-Shamari'),
  part('العبيدي', 'al-Obeidi', 'al-Obaidi', 'al-Ubaydi'),
  part('الرفاعي', 'al-Rifai', 'al-Refai', 'al-Rifaai'),
  part('النعيمي', 'al-Nuaimi', 'al-Naimi', 'al-Nuaymi'),
  part('الظاهر', 'al-Dhaher', 'al-Zaher', 'al-Daher'),
  part('الحربي', 'al-Harbi', 'al-Harby'),
  part('الكردي', 'al-Kurdi', 'al-Kurdy'),
  part('الدليمي', 'al-Dulaimi', 'al-Dulaymi', 'al-Duleimi'),
  part('الموصلي', 'al-Mosuli', 'al-Mawsili', 'al-Mousili'),
  part('الزعبي', 'al-Zoubi', 'al-Zubi', "al-Zou'bi"),
  part('الحمصي', 'al-Homsi', 'al-Humsi'),
  part('الحسين', 'al-Hussein', 'al-Husain'),
  part('الحسيني', 'al-Husseini', 'al-Husayni'),
  part('الرقاوي', 'al-Raqqawi', 'al-Rakkawi'),
  part('الأحمد', 'al-Ahmad', 'al-Ahmed'),
  part('البغدادي', 'al-Baghdadi'),
  part('الجبوري', 'al-Jubouri', 'al-Juburi', 'al-Jabouri', 'al-Jbouri'),
  part('الشيخ', 'al-Sheikh', 'al-Cheikh', 'al-Shaikh'),
  part('العيسى', 'al-Issa', 'al-Eissa'),
  part('الحلبي', 'al-Halabi', 'al-Halaby'),
  part('الدوري', 'al-Douri', 'al-Duri'),
  part('العتيبي', 'al-Otaibi', 'al-Oteibi', 'al-Utaybi'),
  part('العنزي', 'al-Anazi', 'al-Enezi', 'al-Anzi'),
  part('العكيدي', 'al-Ugaidi', 'al-Akidi', 'al-Okaidi'),
  part('الديري', 'al-Deiri', 'al-Dairi'),
  part('العمر', 'al-Omar', 'al-Umar'),
  part('المحمد', 'al-Mohammed', 'al-Muhammad'),
  part('حداد', 'Haddad', 'Hadad'),
  part('حمود', 'Hammoud', 'Hamoud', 'Hamud'),
  part('عبود', 'Abboud', 'Aboud', 'Abbud'),
  part('صباغ', 'Sabbagh', 'Sabbag', 'Sabagh'),
  part('قصاب', 'Qassab', 'Kassab', 'Qasab'),
  part('درويش', 'Darwish', 'Darwich', 'Derwish'),
  part('شاهين', 'Shahin', 'Shaheen', 'Chahine'),
  part('نجار', 'Najjar', 'Najar', 'Nadjar'),
  part('عطار', 'Attar', 'Atar'),
  part('زيدان', 'Zeidan', 'Zaidan', 'Zidane'),
  part('مخلف', 'Mukhlif', 'Makhlouf', 'Mikhlif'),
  part('عواد', 'Awwad', 'Awad'),
  part('خليفة', 'Khalifa', 'Khalifah'),
];

/** Kunyas of men ("father of X"). */
export const kunyas: readonly NamePart[] = [
  part('أبو عمر', 'Abu Omar', 'Abou Omar', 'Abu Umar'),
  part('أبو حمزة', 'Abu Hamza', 'Abou Hamza'),
  part('أبو يوسف', 'Abu Yusuf', 'Abou Youssef'),
  part('أبو خالد', 'Abu Khalid', 'Abu Khaled'),
  part('أبو علي', 'Abu Ali', 'Abou Ali'),
  part('أبو أحمد', 'Abu Ahmed', 'Abu Ahmad'),
  part('أبو عبد الله', 'Abu Abdullah', 'Abu Abdallah'),
  part('أبو طلحة', 'Abu Talha', 'Abou Talha'),
  part('أبو هريرة', 'Abu Huraira', 'Abu Hurayra'),
  part('أبو دجانة', 'Abu Dujana', 'Abu Dujanah'),
  part('أبو عبيدة', 'Abu Ubaida', 'Abu Obeida'),
  part('أبو تراب', 'Abu Turab', 'Abou Tourab'),
  part('أبو صالح', 'Abu Salih', 'Abu Saleh'),
  part('أبو أنس', 'Abu Anas', 'Abou Anas'),
  part('أبو زكريا', 'Abu Zakaria', 'Abu Zakariya'),
  part('أبو مريم', 'Abu Maryam', 'Abu Mariam'),
  part('أبو إبراهيم', 'Abu Ibrahim', 'Abou Ibrahim'),
  part('أبو سليمان', 'Abu Suleiman', 'Abu Sulayman'),
  part('أبو جاسم', 'Abu Jassim', 'Abu Jasem'),
  part('أبو وليد', 'Abu Walid', 'Abu Waleed'),
];

/** The "Umm" prefix of a woman's kunya ("mother of X"), completed with a child's given name. */
export const ummPrefix: NamePart = part('أم', 'Umm', 'Um', 'Oum');

/** Nisbas by nationality, as foreign fighters were known ("Abu X al-Tunisi"). */
export const nisbas: Readonly<Record<string, NamePart>> = {
  SYR: part('الشامي', 'al-Shami', 'al-Chami'),
  IRQ: part('العراقي', 'al-Iraqi', 'al-Iraki'),
  TUN: part('التونسي', 'al-Tunisi', 'al-Tounsi'),
  MAR: part('المغربي', 'al-Maghribi', 'al-Maghrebi'),
  DZA: part('الجزائري', 'al-Jazairi', 'al-Djazairi'),
  EGY: part('المصري', 'al-Masri', 'al-Masry'),
  LBY: part('الليبي', 'al-Libi', 'al-Liby'),
  SAU: part('الجزراوي', 'al-Jazrawi', 'al-Jazarawi'),
  FRA: part('الفرنسي', 'al-Faransi', 'al-Firansi'),
  DEU: part('الألماني', 'al-Almani'),
  BEL: part('البلجيكي', 'al-Beljiki', 'al-Baljiki'),
  GBR: part('البريطاني', 'al-Britani', 'al-Baritani'),
  KAZ: part('الكازاخي', 'al-Kazakhi', 'al-Qazakhi'),
  UZB: part('الأوزبكي', 'al-Uzbeki', 'al-Ouzbeki'),
  TJK: part('الطاجيكي', 'al-Tajiki', 'al-Tadjiki'),
  RUS: part('الروسي', 'al-Rusi', 'al-Roussi'),
  AZE: part('الأذري', 'al-Azeri', 'al-Adhari'),
  TUR: part('التركي', 'al-Turki', 'al-Turky'),
  IDN: part('الإندونيسي', 'al-Indunisi', 'al-Indonesi'),
};

/** Where foreign residents came from, by the names usual there. */
export type NameRegion =
  | 'arabic'
  | 'western-europe'
  | 'central-asia'
  | 'russia-caucasus'
  | 'turkey'
  | 'south-east-asia';

export interface RegionNames {
  /** Women's given names of the region; without them, women get Arabic given names. */
  femaleGiven: readonly NamePart[];
  /** Family names as men bear them; empty where Arabic family names are used. */
  maleFamily: readonly NamePart[];
  /** Russian and Central Asian surnames take -a for women (Karimov, Karimova or Karimowa). */
  feminineSuffix: boolean;
}

export const regionNames: Readonly<Record<NameRegion, RegionNames>> = {
  arabic: { femaleGiven: [], maleFamily: [], feminineSuffix: false },
  'western-europe': {
    femaleGiven: [
      part('كاميل', 'Camille', 'Kamille'),
      part('هانا', 'Hannah', 'Hanna'),
      part('جيسيكا', 'Jessica', 'Jesica'),
      part('سابين', 'Sabine', 'Sabina'),
      part('كلوي', 'Chloé', 'Chloe'),
      part('آنا', 'Anna', 'Ana'),
      part('لورا', 'Laura', 'Lora'),
      part('ليزا', 'Lisa', 'Liza'),
      part('ماري', 'Marie', 'Mari'),
      part('جينيفر', 'Jennifer', 'Jenifer'),
      part('ليا', 'Léa', 'Lea'),
      part('صوفي', 'Sophie', 'Sofie'),
      part('جوليا', 'Julia', 'Iulia'),
      part('إميلي', 'Emily', 'Emilie', 'Émilie'),
    ],
    maleFamily: [
      part('يانسن', 'Janssen', 'Jansen'),
      part('شميت', 'Schmitt', 'Schmidt'),
      part('بيترز', 'Peters', 'Peeters'),
      part('مارتن', 'Martin', 'Martins'),
      part('مورو', 'Moreau', 'Moro'),
      part('نيلسن', 'Nielsen', 'Nilsen'),
      part('أندرسون', 'Andersson', 'Anderson'),
      part('غارسيا', 'García', 'Garcia'),
      part('دوبوا', 'Dubois', 'DuBois'),
      part('دي فريس', 'De Vries', 'DeVries', 'Devries'),
      part('كونيغ', 'König', 'Koenig', 'Konig'),
      part('مولر', 'Müller', 'Mueller', 'Muller'),
    ],
    feminineSuffix: false,
  },
  'central-asia': {
    femaleGiven: [
      part('دلنوزة', 'Dilnoza', 'Dilnaza'),
      part('غولنارا', 'Gulnara', 'Gulnora'),
      part('مدينة', 'Madina', 'Medina'),
      part('زارينا', 'Zarina', 'Sarina'),
      part('آيغريم', 'Aigerim', 'Aygerim'),
      part('مليكة', 'Malika', 'Malikah'),
      part('نوديرا', 'Nodira'),
      part('شهنوزة', 'Shahnoza', 'Shakhnoza'),
      part('عزيزة', 'Aziza', 'Azizah'),
    ],
    maleFamily: [
      part('كريموف', 'Karimov'),
      part('يوسوبوف', 'Yusupov', 'Iusupov', 'Jusupov'),
      part('رحيموف', 'Rakhimov', 'Rahimov'),
      part('عبد اللاييف', 'Abdullayev', 'Abdullaev', 'Abdulaev'),
      part('سعيدوف', 'Saidov', 'Saydov'),
      part('تورسونوف', 'Tursunov'),
      part('إسماعيلوف', 'Ismoilov', 'Ismailov'),
      part('عمروف', 'Umarov', 'Oumarov'),
      part('نورلانوف', 'Nurlanov'),
    ],
    feminineSuffix: true,
  },
  'russia-caucasus': {
    femaleGiven: [
      part('أمينات', 'Aminat', 'Aminet'),
      part('يوليا', 'Yulia', 'Iulia', 'Julia'),
      part('إيلينا', 'Elena', 'Yelena'),
      part('كريستينا', 'Kristina', 'Christina'),
      part('باتيمات', 'Patimat'),
      part('زالينا', 'Zalina'),
    ],
    maleFamily: [
      part('نورماغوميدوف', 'Nurmagomedov', 'Nurmagometov'),
      part('إيفانوف', 'Ivanov'),
      part('ماغوميدوف', 'Magomedov'),
      part('غادجييف', 'Gadzhiev', 'Gadjiev'),
      part('علييف', 'Aliyev', 'Aliev'),
      part('حسنوف', 'Gasanov', 'Hasanov'),
    ],
    feminineSuffix: true,
  },
  turkey: {
    femaleGiven: [
      part('عائشة', 'Ayşe', 'Ayse'),
      part('أليف', 'Elif'),
      part('زينب', 'Zeynep', 'Zeinep'),
      part('أمينة', 'Emine'),
      part('خديجة', 'Hatice', 'Hatidje'),
    ],
    maleFamily: [
      part('يلماز', 'Yılmaz', 'Yilmaz'),
      part('كايا', 'Kaya'),
      part('دمير', 'Demir'),
      part('تشيليك', 'Çelik', 'Celik'),
      part('آيدين', 'Aydın', 'Aydin'),
    ],
    feminineSuffix: false,
  },
  'south-east-asia': {
    femaleGiven: [
      part('سيتي', 'Siti'),
      part('ديوي', 'Dewi'),
      part('نور العين', 'Nurul Ain', 'Nurulain'),
      part('بوتري', 'Putri', 'Puteri'),
    ],
    maleFamily: [
      part('هداية', 'Hidayat', 'Hidayah'),
      part('سانتوسو', 'Santoso'),
      part('رحمن', 'Rahman', 'Rachman'),
      part('ويجايا', 'Wijaya', 'Widjaja'),
    ],
    feminineSuffix: false,
  },
};

/** A country of nationality other than Syria and Iraq: how often it is met, names, and a city of birth. */
export interface ThirdCountry {
  code: string;
  /** As it reads in a sentence: "the government of the Netherlands". */
  name: string;
  weight: number;
  region: NameRegion;
  city: string;
}

const country = (
  code: string,
  name: string,
  weight: number,
  region: NameRegion,
  city: string,
): ThirdCountry => ({
  code,
  name,
  weight,
  region,
  city,
});

/**
 * Some fifty countries, weighted roughly as the foreigners held in North-East Syria in 2019 were
 * reported by origin: the former Soviet Union, Turkey, North Africa and Western Europe first.
 */
export const thirdCountries: readonly ThirdCountry[] = [
  country('RUS', 'Russia', 10, 'russia-caucasus', 'Makhachkala'),
  country('TUR', 'Turkey', 8, 'turkey', 'Gaziantep'),
  country('TJK', 'Tajikistan', 7, 'central-asia', 'Khujand'),
  country('TUN', 'Tunisia', 7, 'arabic', 'Sousse'),
  country('UZB', 'Uzbekistan', 6, 'central-asia', 'Namangan'),
  country('KAZ', 'Kazakhstan', 5, 'central-asia', 'Shymkent'),
  country('AZE', 'Azerbaijan', 5, 'russia-caucasus', 'Sumgait'),
  country('FRA', 'France', 5, 'western-europe', 'Lyon'),
  country('MAR', 'Morocco', 4, 'arabic', 'Tetouan'),
  country('EGY', 'Egypt', 4, 'arabic', 'Alexandria'),
  country('IDN', 'Indonesia', 4, 'south-east-asia', 'Surabaya'),
  country('DEU', 'Germany', 4, 'western-europe', 'Dortmund'),
  country('KGZ', 'Kyrgyzstan', 2, 'central-asia', 'Osh'),
  country('GBR', 'the United Kingdom', 2, 'western-europe', 'Birmingham'),
  country('NLD', 'the Netherlands', 2, 'western-europe', 'Utrecht'),
  country('BEL', 'Belgium', 2, 'western-europe', 'Antwerp'),
  country('SWE', 'Sweden', 1.5, 'western-europe', 'Gothenburg'),
  country('DZA', 'Algeria', 1.5, 'arabic', 'Oran'),
  country('JOR', 'Jordan', 1.5, 'arabic', 'Zarqa'),
  country('LBN', 'Lebanon', 1.5, 'arabic', 'Tripoli'),
  country('SAU', 'Saudi Arabia', 1.5, 'arabic', 'Buraydah'),
  country('TKM', 'Turkmenistan', 1, 'central-asia', 'Mary'),
  country('GEO', 'Georgia', 1, 'russia-caucasus', 'Duisi'),
  country('UKR', 'Ukraine', 1, 'russia-caucasus', 'Simferopol'),
  country('LBY', 'Libya', 1, 'arabic', 'Derna'),
  country('YEM', 'Yemen', 1, 'arabic', 'Taiz'),
  country('SDN', 'Sudan', 1, 'arabic', 'Omdurman'),
  country('AUT', 'Austria', 1, 'western-europe', 'Graz'),
  country('BIH', 'Bosnia and Herzegovina', 1, 'arabic', 'Zenica'),
  country('CHN', 'China', 1, 'arabic', 'Kashgar'),
  country('MYS', 'Malaysia', 0.8, 'south-east-asia', 'Kuala Lumpur'),
  country('DNK', 'Denmark', 0.5, 'western-europe', 'Aarhus'),
  country('NOR', 'Norway', 0.5, 'western-europe', 'Bergen'),
  country('FIN', 'Finland', 0.5, 'western-europe', 'Turku'),
  country('CHE', 'Switzerland', 0.5, 'western-europe', 'Winterthur'),
  country('ITA', 'Italy', 0.5, 'western-europe', 'Milan'),
  country('ESP', 'Spain', 0.5, 'western-europe', 'Ceuta'),
  country('ALB', 'Albania', 0.5, 'arabic', 'Elbasan'),
  country('MKD', 'North Macedonia', 0.5, 'arabic', 'Kumanovo'),
  country('SOM', 'Somalia', 0.5, 'arabic', 'Mogadishu'),
  country('PAK', 'Pakistan', 0.5, 'arabic', 'Peshawar'),
  country('MDV', 'the Maldives', 0.5, 'south-east-asia', 'Malé'),
  country('TTO', 'Trinidad and Tobago', 0.5, 'western-europe', 'Chaguanas'),
  country('AUS', 'Australia', 0.5, 'western-europe', 'Melbourne'),
  country('PHL', 'the Philippines', 0.4, 'south-east-asia', 'Marawi'),
  country('CAN', 'Canada', 0.4, 'western-europe', 'Calgary'),
  country('PRT', 'Portugal', 0.3, 'western-europe', 'Lisbon'),
  country('SRB', 'Serbia', 0.3, 'arabic', 'Novi Pazar'),
  country('USA', 'the United States', 0.3, 'western-europe', 'Minneapolis'),
  country('AFG', 'Afghanistan', 0.3, 'arabic', 'Jalalabad'),
  country('BGD', 'Bangladesh', 0.3, 'south-east-asia', 'Dhaka'),
  country('KWT', 'Kuwait', 0.3, 'arabic', 'Al Jahra'),
  country('IRL', 'Ireland', 0.2, 'western-europe', 'Dublin'),
];

/** Places of birth and last residence inside Syria and Iraq, as [Arabic, Latin]. */
export const syrianPlaces: readonly (readonly [string, string])[] = [
  ['الرقة', 'Raqqa'],
  ['دير الزور', 'Deir ez-Zor'],
  ['هجين', 'Hajin'],
  ['البوكمال', 'Al-Bukamal'],
  ['الميادين', 'Mayadin'],
  ['منبج', 'Manbij'],
  ['الشدادي', 'Al-Shaddadi'],
  ['الطبقة', 'Tabqa'],
  ['الحسكة', 'Hasakah'],
  ['الباغوز', 'Baghuz'],
  ['الشعفة', 'Al-Shaafa'],
  ['حمص', 'Homs'],
  ['حلب', 'Aleppo'],
];

export const iraqiPlaces: readonly (readonly [string, string])[] = [
  ['الموصل', 'Mosul'],
  ['تلعفر', 'Tal Afar'],
  ['القائم', 'Al-Qaim'],
  ['الفلوجة', 'Fallujah'],
  ['الرمادي', 'Ramadi'],
  ['تكريت', 'Tikrit'],
  ['الحويجة', 'Hawija'],
  ['بيجي', 'Baiji'],
  ['سنجار', 'Sinjar'],
];
