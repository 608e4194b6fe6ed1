// The web app in a real browser: Debian's Chromium driven by playwright-core against `custodian serve`
// on a fresh `--scale 0.01` demo. One server and one browser for the whole file; each main screen is
// saved under test/e2e/screenshots/ to be looked at.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import QRCode from 'qrcode';
import { chromiumMissing, E2e, launchChromium, PHONE, SCREENSHOTS, shoot } from './support.ts';

const CHOSEN_PASSWORD = 'e2e-chosen-password';
/** The demo is set in the autumn of 2019; the dashboard is looked at over that period. */
const DEMO_PERIOD = 'from=2019-09-01&to=2019-12-31';

const missing = chromiumMissing();

interface Person {
  id: string;
  displayName: string;
  registrationNumber: string;
  householdId: string | null;
  category: string;
  identity: {
    names: Partial<Record<'latin' | 'arabic', { given: string; father?: string; family?: string }>>;
  };
  custody: { status: string; facilityId: string | null; transferToFacilityId: string | null };
}
interface Range {
  min: number;
  max: number;
}
/** A reported range as the dashboard marks it: `min-max`, or empty. */
const rangeValue = (r: Range | null) => (r ? `${r.min}-${r.max}` : '');
interface Facility {
  id: string;
  code: string;
  kind: string;
}

describe('the web app in Chromium', { skip: missing ?? false }, () => {
  let e2e: E2e;

  before(async () => {
    e2e = await E2e.start('web');
  });

  after(() => e2e?.stop());

  // Set by the registrar's test, checked by the guard's.
  let family: Person[] = [];
  let mother: Person;

  it('a new user replaces the one-time password at the first sign-in', async () => {
    const added = e2e.custodian('users', 'add', 'e2e-newcomer', '--role', 'monitor', '--facilities', 'all');
    const oneTime = /One-time password: (\S+)/.exec(added)?.[1];
    assert.ok(oneTime, added);
    const page = await e2e.newPage();
    await page.goto(`${e2e.base}/`);
    await page.fill('input[name=username]', 'e2e-newcomer');
    await page.fill('input[name=password]', oneTime);
    await shoot(page, 'login');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=newPassword]');
    await page.fill('input[name=currentPassword]', oneTime);
    await page.fill('input[name=newPassword]', CHOSEN_PASSWORD);
    await page.fill('input[name=repeatPassword]', CHOSEN_PASSWORD);
    await shoot(page, 'change-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-figure="totals.population"]');
    assert.match((await page.textContent('[data-testid=who]')) ?? '', /e2e-newcomer/);
    await page.context().close();
  });

  it('a registrar finds a mother, opens her household, and records the transfer of the family and its arrival', async () => {
    const page = await e2e.signedIn('registrar');

    // A mother with at least one child in custody with her, at a camp other than Roj (whose guard
    // looks for them next).
    const facilities = (await e2e.apiGet<{ items: Facility[] }>(page, '/facilities?limit=500')).items;
    const isCamp = (id: string | null) =>
      facilities.some((f) => f.id === id && f.kind === 'camp' && f.code !== 'ROJ');
    const people = (await e2e.apiGet<{ items: Person[] }>(page, '/persons?status=in-custody&limit=500'))
      .items;
    const households = new Map<string, Person[]>();
    for (const p of people) {
      if (p.householdId !== null)
        households.set(p.householdId, [...(households.get(p.householdId) ?? []), p]);
    }
    const found = [...households.values()].find(
      (members) =>
        members.length >= 2 &&
        members.some((m) => m.category === 'woman' && m.identity.names.latin?.family) &&
        members.every((m) => m.custody.facilityId === members[0]!.custody.facilityId) &&
        isCamp(members[0]!.custody.facilityId),
    );
    assert.ok(found, 'the demo has a family in custody at a camp');
    family = found;
    mother = family.find((m) => m.category === 'woman')!;
    const from = facilities.find((f) => f.id === mother.custody.facilityId)!;
    const to = facilities.find((f) => isCamp(f.id) && f.id !== from.id)!;

    // The registry: her name written as another list writes it — in Arabic script when the register
    // has it, else "FAMILY, Given Father" in capitals without the article's hyphen.
    await page.click('nav >> text=Registry');
    await page.waitForSelector('.person-row');
    await shoot(page, 'registry');
    await page.selectOption('select[name=facilityId]', from.id);
    const { arabic, latin } = mother.identity.names;
    const variant = arabic
      ? [arabic.given, arabic.father, arabic.family].filter(Boolean).join(' ')
      : `${latin!.family!.replace(/-/g, ' ').toUpperCase()}, ${latin!.given} ${latin!.father ?? ''}`.trim();
    await page.fill('input[name=q]', variant);
    const row = page.locator('.person-row', { hasText: mother.registrationNumber });
    await row.waitFor();
    await row.click();

    // Her record: the household lists the family.
    await page.waitForSelector('[data-testid=household]');
    for (const member of family) {
      await page.locator('[data-testid=household]', { hasText: member.displayName }).waitFor();
    }
    await shoot(page, 'person');

    // The transfer, for her and her household.
    await page.click('button:has-text("Transfer")');
    await page.selectOption('select[name=toFacilityId]', to.id);
    await page.fill('input[name=dueAt]', '2030-01-01T12:00');
    await page.fill('textarea[name=reason]', 'family reunification with relatives at the other camp');
    await page.fill('input[name=authority]', 'Camp administration');
    for (const member of family.filter((m) => m.id !== mother.id)) {
      assert.ok(await page.isChecked(`input[name=member][value="${member.id}"]`), member.displayName);
    }
    await shoot(page, 'transfer-form');
    await page.click('form.custody-form button[type=submit]');
    await page.waitForSelector('.notice');
    await page.waitForSelector('[data-status=in-transit]');
    for (const member of family) {
      const now = await e2e.apiGet<Person>(page, `/persons/${member.id}`);
      assert.equal(now.custody.status, 'in-transit', member.displayName);
      assert.equal(now.custody.transferToFacilityId, to.id);
    }

    // Its arrival.
    await page.click('button:has-text("Record arrival")');
    await page.fill('textarea[name=reason]', 'arrived with escort');
    await page.fill('input[name=authority]', 'Camp administration');
    await page.click('form.custody-form button[type=submit]');
    await page.waitForSelector('.timeline li[data-event=transfer-received]');
    await shoot(page, 'person-after-transfer');
    for (const member of family) {
      const now = await e2e.apiGet<Person>(page, `/persons/${member.id}`);
      assert.equal(now.custody.status, 'in-custody', member.displayName);
      assert.equal(now.custody.facilityId, to.id);
    }

    // The API's field errors show beside their field: here a move with no section (the browser's own
    // check of the required field is taken away, so that the API is the one to refuse it).
    await page.click('button:has-text("Move to another section")');
    await page.fill('textarea[name=reason]', 'x');
    await page.fill('input[name=authority]', 'x');
    await page.locator('select[name=sectionId]').evaluate((select) => select.removeAttribute('required'));
    await page.click('form.custody-form button[type=submit]');
    await page.locator('[data-field=sectionId] .field-error').waitFor();
    await page.context().close();
  });

  it('a guard of another facility (Roj) does not see the family', async () => {
    assert.ok(mother, 'runs after the transfer');
    const page = await e2e.signedIn('guard-roj');
    await page.click('nav >> text=Registry');
    await page.waitForSelector('[data-testid=registry-status]');
    await page.fill('input[name=q]', mother.registrationNumber);
    await page.waitForFunction(() => document.querySelector('.empty') !== null);
    assert.equal(await page.locator('.person-row', { hasText: mother.registrationNumber }).count(), 0);
    for (const member of family) {
      await page.goto(`${e2e.base}/persons/${member.id}`);
      await page.waitForSelector('.form-error');
      assert.match((await page.textContent('.form-error')) ?? '', /Not found, or not within your facilities/);
    }
    await page.context().close();
  });

  /** A camera's picture of a QR code: one YUV4MPEG2 frame, which Chromium's fake camera loops. */
  function cameraFile(code: string): string {
    const [width, height, scale] = [640, 480, 7];
    const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
    const side = modules.size * scale;
    const [left, top] = [(width - side) / 2, (height - side) / 2].map(Math.floor) as [number, number];
    const luma = Buffer.alloc(width * height, 225);
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        for (let y = 0; y < scale; y++)
          luma.fill(
            25,
            (top + row * scale + y) * width + left + col * scale,
            (top + row * scale + y) * width + left + (col + 1) * scale,
          );
      }
    }
    const file = join(e2e.dir, 'card.y4m');
    const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`),
        luma,
        chroma,
      ]),
    );
    return file;
  }

  it('a registrar issues and prints an ID card; a guard reads it with a phone camera; a replaced card is refused', async () => {
    assert.ok(mother, 'runs after the transfer');
    const page = await e2e.signedIn('registrar');
    await page.goto(`${e2e.base}/persons/${mother.id}`);
    await page.click('[data-testid=id-card-panel] button:has-text("Issue card")');
    await page.locator('[data-testid=id-card-panel] .notice').waitFor();
    await page.click('text=Print card');
    const card = page.locator('[data-testid=id-card]');
    await card.waitFor();
    const code = (await card.locator('svg').getAttribute('data-qr'))!;
    assert.match(code, new RegExp(`^CUS1:${mother.registrationNumber}:[A-Z2-7]{125}$`));
    assert.match((await card.textContent()) ?? '', new RegExp(mother.registrationNumber));
    // ID-1: 85.6 x 54 mm at the CSS 96 pixels an inch.
    const box = (await card.boundingBox())!;
    assert.ok(Math.abs(box.width - 323.5) < 1 && Math.abs(box.height - 204.1) < 1, JSON.stringify(box));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.topbar').isVisible(), false, 'printed: the card alone');
    await card.screenshot({ path: join(SCREENSHOTS, 'id-card.png') });
    await page.emulateMedia({ media: 'screen' });

    // A guard's phone, its camera seeing the card.
    const camera = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile(code)}`,
    ]);
    try {
      const phone = await e2e.newPage({ viewport: PHONE, permissions: ['camera'] }, camera);
      await e2e.signIn(phone, 'guard');
      await phone.click('nav >> text=Check a card');
      await phone.click('button:has-text("Start camera")');
      const result = phone.locator('[data-testid=scan-result]');
      await result.waitFor({ timeout: 20_000 });
      assert.match((await result.textContent()) ?? '', /Valid card 1/);
      assert.match((await result.textContent()) ?? '', new RegExp(mother.registrationNumber));
      await shoot(phone, 'scan-phone', { fullPage: false });

      // The card is lost: the registrar issues a new one, and the old one is refused.
      await page.goto(`${e2e.base}/persons/${mother.id}`);
      await page.click('[data-testid=id-card-panel] button:has-text("Issue a new card")');
      await page.fill('[data-testid=id-card-panel] input[name=reason]', 'card lost');
      await page.click('[data-testid=id-card-panel] button[type=submit]');
      await page.locator('[data-testid=id-card-panel] .notice', { hasText: 'Card 2' }).waitFor();
      await phone.click('button:has-text("Stop camera")');
      await phone.fill('input[name=code]', code);
      await phone.click('button:has-text("Check")');
      await phone.locator('.scan-result.refused', { hasText: 'no longer valid' }).waitFor();
      // A forged card: the right form, another node's signature.
      await phone.fill('input[name=code]', code.replace(/.{8}$/, 'AAAAAAAA'));
      await phone.click('button:has-text("Check")');
      await phone.locator('.scan-result.refused', { hasText: 'Forged card' }).waitFor();
      await phone.fill('input[name=code]', mother.registrationNumber.toLowerCase());
      await phone.click('button:has-text("Check")');
      await phone.locator('.scan-result.valid', { hasText: 'typed by hand' }).waitFor();
    } finally {
      await camera.close();
    }
  });

  it('a registrar compares a possible duplicate side by side and records that they are not the same person', async () => {
    const page = await e2e.signedIn('registrar');
    // A woman registered a second time, as a list from elsewhere would bring her: queued for review.
    const people = (await e2e.apiGet<{ items: Person[] }>(page, '/persons?status=in-custody&limit=100'))
      .items;
    const woman = people.find((p) => p.category === 'woman' && p.id !== mother?.id)!;
    const registered = await e2e.apiPost(page, '/persons', {
      facilityId: woman.custody.facilityId,
      identity: woman.identity,
      onDuplicates: 'queue',
    });
    assert.equal(registered.status(), 201, await registered.text());
    const { personId, duplicatesQueuedForReview } = await registered.json();
    assert.ok(duplicatesQueuedForReview >= 1);
    const pair = personId < woman.id ? `${personId}:${woman.id}` : `${woman.id}:${personId}`;

    await page.click('nav >> text=Duplicates');
    await page.click(`[data-pair="${pair}"]`);
    const comparison = page.locator('[data-testid=comparison]');
    await comparison.waitFor();
    assert.equal(await comparison.locator('.regno', { hasText: woman.registrationNumber }).count(), 1);
    await shoot(page, 'duplicates');
    await page.check('input[name=decision][value=not-duplicate]');
    await page.fill('textarea[name=reason]', 'another woman: her mother has another name');
    await page.click('form.decision-form button[type=submit]');
    await page.waitForSelector('.notice');
    await page.locator(`[data-pair="${pair}"]`).waitFor({ state: 'detached' });
    const decided = await e2e.apiGet<{ items: { id: string; decision: { decision: string } | null }[] }>(
      page,
      '/duplicates?state=decided&limit=500',
    );
    assert.equal(decided.items.find((p) => p.id === pair)?.decision?.decision, 'not-duplicate');
    await page.context().close();
  });

  it('the dashboard shows the figures of the situation report, and Arabic turns the page right to left', async () => {
    const page = await e2e.signedIn('registrar');
    await page.goto(`${e2e.base}/?${DEMO_PERIOD}`);
    await page.waitForSelector('[data-figure="totals.population"]');
    await shoot(page, 'dashboard');

    const report = await e2e.apiGet<{
      facilities: {
        code: string;
        population: unknown;
        incidents: { escapes: Record<'reportedEscaped' | 'reportedRecaptured', Range | null> };
      }[];
      totals: { population: unknown; byCategory: object; byNationalityGroup: object };
      atLarge: unknown;
      overdueTransfers: unknown;
      pendingNotifications: unknown;
      incidents: {
        escapeAttempts: Record<string, unknown>;
        escapes: { identified: unknown } & Record<'reportedEscaped' | 'reportedRecaptured', Range | null>;
        externalEvents: unknown;
      };
      countries: {
        country: string;
        requested: unknown;
        accepted: unknown;
        refused: unknown;
        completed: unknown;
      }[];
    }>(page, `/reports/situation?${DEMO_PERIOD}`);
    const expected: Record<string, string> = {
      'totals.population': String(report.totals.population),
      atLarge: String(report.atLarge),
      overdueTransfers: String(report.overdueTransfers),
      pendingNotifications: String(report.pendingNotifications),
    };
    for (const [key, value] of Object.entries(report.totals.byCategory)) {
      expected[`totals.byCategory.${key}`] = String(value);
    }
    for (const [key, value] of Object.entries(report.totals.byNationalityGroup)) {
      expected[`totals.byNationalityGroup.${key}`] = String(value);
    }
    for (const f of report.facilities) {
      expected[`occupancy.${f.code}`] = String(f.population);
      expected[`facilities.${f.code}.population`] = String(f.population);
      for (const m of ['reportedEscaped', 'reportedRecaptured'] as const) {
        expected[`facilities.${f.code}.${m}`] = rangeValue(f.incidents.escapes[m]);
      }
    }
    const { incidents } = report;
    for (const key of ['thwarted', 'successful', 'organised', 'individual']) {
      expected[`incidents.escapeAttempts.${key}`] = String(incidents.escapeAttempts[key]);
    }
    expected['incidents.escapes.identified'] = String(incidents.escapes.identified);
    expected['incidents.escapes.reportedEscaped'] = rangeValue(incidents.escapes.reportedEscaped);
    expected['incidents.escapes.reportedRecaptured'] = rangeValue(incidents.escapes.reportedRecaptured);
    expected['incidents.externalEvents'] = String(incidents.externalEvents);
    for (const c of report.countries) {
      for (const k of ['requested', 'accepted', 'refused', 'completed'] as const) {
        expected[`countries.${c.country}.${k}`] = String(c[k]);
      }
    }
    const shown = await page.$$eval('[data-figure]', (elements) =>
      Object.fromEntries(elements.map((e) => [e.getAttribute('data-figure'), e.getAttribute('data-value')])),
    );
    assert.deepEqual(shown, expected);

    // Arabic: the whole page right to left, the choice remembered across a reload.
    await page.selectOption('select[name=language]', 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    await page.reload();
    await page.waitForSelector('[data-figure="totals.population"]');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.textContent('nav a[aria-current=page]'), 'لوحة المتابعة');
    await shoot(page, 'dashboard-ar');

    await page.click('nav a[href="/facilities"]');
    await page.locator('.facility-card').first().click();
    await page.waitForSelector('.chart');
    await shoot(page, 'facility-ar');
    await page.selectOption('select[name=language]', 'en');
    await shoot(page, 'facility');

    // A phone: the registry with the navigation at the bottom.
    await page.setViewportSize(PHONE);
    await page.click('nav a[href="/registry"]');
    await page.waitForSelector('.person-row');
    await shoot(page, 'registry-phone', { fullPage: false });
    await page.context().close();
  });

  it('breaks no rule of the Content-Security-Policy', () => {
    assert.deepEqual(e2e.cspViolations, []);
  });
});
