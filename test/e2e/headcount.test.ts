// A headcount in a real browser, on a phone: Debian's Chromium driven by playwright-core against
// `custodian serve` on a fresh `--scale 0.01` demo. A guard opens a nominal count of a small section,
// counts people by registration number and by name, loses the network part-way and keeps counting
// (the marks wait on the device, through a reload), gets it back (the marks are sent); a commander
// closes the count and finds exactly the people not counted listed as missing, and resolves them.
// Screens are saved under test/e2e/screenshots/ to be looked at.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, E2e, PHONE_CONTEXT, shoot } from './support.ts';

const missing = chromiumMissing();

interface Facility {
  id: string;
  code: string;
  sections: { id: string; code: string; occupancy: number | string }[];
}
interface RosterEntry {
  personId: string;
  registrationNumber: string;
  displayName: string;
}

describe('a headcount in Chromium, on a phone', { skip: missing ?? false }, () => {
  let e2e: E2e;

  const phone = (username: string) => e2e.signedIn(username, PHONE_CONTEXT);

  /** The marks the page still keeps waiting (0 once the status line is gone). */
  const waiting = async (page: Page) =>
    Number(
      (await page
        .locator('[data-testid=queue]')
        .getAttribute('data-waiting', { timeout: 100 })
        .catch(() => '0')) ?? 0,
    );

  before(async () => {
    e2e = await E2e.start('hc');
  });

  after(() => e2e?.stop());

  let headcountId = '';
  let notCounted: RosterEntry[] = [];

  it('a guard counts a section by number and by name, with the network lost part-way', async () => {
    const page = await phone('guard');

    // The smallest section with at least eight people in it (five are counted, the others go missing).
    const { items } = await e2e.apiGet<{ items: { id: string }[] }>(page, '/facilities?limit=500');
    const facilities = await Promise.all(items.map((f) => e2e.apiGet<Facility>(page, `/facilities/${f.id}`)));
    const [facility, section] = facilities
      .flatMap((f) => f.sections.map((s) => [f, s] as const))
      .filter(([, s]) => typeof s.occupancy === 'number' && s.occupancy >= 8)
      .sort(([, a], [, b]) => Number(a.occupancy) - Number(b.occupancy))[0]!;

    // Open a nominal count of that section.
    await page.goto(`${e2e.base}/counts?facility=${facility.id}`);
    await page.uncheck('input[name=whole]');
    await page.check(`input[name=sectionIds][value="${section.id}"]`);
    await shoot(page, 'headcount-open');
    await page.click('form.open-count button[type=submit]');
    await page.waitForURL(/\/headcounts\/[^/?]+$/);
    headcountId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.click(`button[data-section="${section.code}"]`);
    await page.waitForSelector('[data-testid=not-counted]');

    const roster = (
      await e2e.apiGet<{ items: RosterEntry[] }>(
        page,
        `/headcounts/${headcountId}/roster?sectionId=${section.id}`,
      )
    ).items;
    assert.ok(roster.length >= 7, `${roster.length} people on the roster`);
    const [byNumber, byName, offlineNumber, offlineName, last, ...rest] = roster as [
      RosterEntry,
      RosterEntry,
      RosterEntry,
      RosterEntry,
      RosterEntry,
      ...RosterEntry[],
    ];
    notCounted = rest;
    assert.equal(await page.getAttribute('[data-testid=tally]', 'data-expected'), String(roster.length));

    /** Types a registration number on the keypad and presses Present. */
    const keyIn = async (number: string) => {
      for (const digit of number.replace(/\D/g, '')) await page.click(`.keypad [data-key="${digit}"]`);
      await page.click('button.present');
    };
    const byNameSearch = async (person: RosterEntry) => {
      await page.click('.modes button:nth-child(2)');
      await page.fill('input[name=q]', person.displayName);
      await page.click(`.name-search [data-person="${person.registrationNumber}"] button`);
      await page.locator(`.name-search [data-person="${person.registrationNumber}"] .mark-state`).waitFor();
      await page.click('.modes button:nth-child(1)');
    };
    const counted = (person: RosterEntry) =>
      page
        .locator(`[data-testid=marks] [data-person="${person.registrationNumber}"][data-state=counted]`)
        .waitFor();

    // A number misread (its check digit does not match) is refused on the device.
    const digits = byNumber.registrationNumber.replace(/\D/g, '');
    await page.fill('input[name=registrationDigits]', `${digits.slice(0, 6)}${(Number(digits[6]) + 1) % 10}`);
    await page.locator('.number-entry .field-error').waitFor();
    assert.ok(await page.isDisabled('button.present'));
    await page.click('.keypad [data-key="clear"]');

    // Online: one by number, one by name.
    await keyIn(byNumber.registrationNumber);
    await counted(byNumber);
    await byNameSearch(byName);
    await counted(byName);
    await shoot(page, 'headcount-counting');

    // Offline: the marks wait on the device.
    await page.context().setOffline(true);
    await page.locator('[data-testid=queue][data-online=false]').waitFor();
    await keyIn(offlineNumber.registrationNumber);
    await byNameSearch(offlineName);
    await page.locator('[data-testid=queue][data-waiting="2"]').waitFor();
    assert.equal(await page.locator('[data-testid=marks] [data-state=waiting]').count(), 2);
    await shoot(page, 'headcount-offline');
    await shoot(page, 'headcount-offline-phone', { fullPage: false });

    // The network is back but the server cannot be reached, and the page is reloaded: the marks are
    // still waiting (kept in localStorage, ids and numbers only).
    await page.route('**/api/v1/headcounts/*/marks', (route) => route.abort());
    await page.context().setOffline(false);
    await page.reload();
    await page.locator('[data-testid=queue][data-waiting="2"]').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('custodian.headcount-marks') ?? '');
    assert.match(stored, new RegExp(offlineNumber.registrationNumber));
    assert.doesNotMatch(stored, new RegExp(offlineName.displayName));

    // The server answers again: the queue drains, and both are counted, once.
    await page.unroute('**/api/v1/headcounts/*/marks');
    await page.locator('[data-testid=queue]').waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await waiting(page), 0);
    await counted(offlineNumber);
    await counted(offlineName);

    // One more by number; counting the same person again is refused on the device.
    await keyIn(last.registrationNumber);
    await counted(last);
    await keyIn(last.registrationNumber);
    assert.match((await page.textContent('[data-testid=mark-notice]')) ?? '', /Already counted/);
    assert.equal(await page.getAttribute('[data-testid=tally]', 'data-counted'), '5');
    await shoot(page, 'headcount-after-offline');

    const notYet = await page.$$eval('[data-testid=not-counted] [data-person]', (rows) =>
      rows.map((r) => r.getAttribute('data-person')),
    );
    assert.deepEqual(notYet.sort(), notCounted.map((p) => p.registrationNumber).sort());
    const count = await e2e.apiGet<{ sections: { counted: number }[] }>(page, `/headcounts/${headcountId}`);
    assert.equal(count.sections[0]!.counted, 5);
    await page.context().close();
  });

  it('a commander closes the count: the missing are exactly those not counted, and resolves them', async () => {
    assert.ok(headcountId, 'runs after the count');
    const page = await phone('commander');
    await page.goto(`${e2e.base}/headcounts/${headcountId}`);
    await page.click('[data-action=close]');
    await page.click('[data-action=close-confirm]');
    await page.waitForURL(/\/discrepancies$/);
    await page.waitForSelector('[data-kind=missing]');

    const listed = await page.$$eval('[data-discrepancy]', (items) =>
      items.map((i) => `${i.getAttribute('data-discrepancy')} ${i.getAttribute('data-person')}`),
    );
    assert.deepEqual(listed.sort(), notCounted.map((p) => `missing ${p.registrationNumber}`).sort());
    await shoot(page, 'headcount-discrepancies');

    // One is at hospital.
    const [atHospital, escaped] = notCounted as [RosterEntry, RosterEntry, ...RosterEntry[]];
    const item = page.locator(`[data-discrepancy][data-person="${atHospital.registrationNumber}"]`);
    await item.locator('button', { hasText: 'Located' }).click();
    await item.locator('select[name=where]').selectOption('hospital');
    await item.locator('textarea[name=reason]').fill('taken to the camp clinic before the count');
    await item.locator('button[type=submit]').click();
    await page.locator(`.discrepancy.resolved[data-person="${atHospital.registrationNumber}"]`).waitFor();

    // Another is declared escaped, after a confirmation: the incident is named.
    await page
      .locator(`[data-discrepancy][data-person="${escaped.registrationNumber}"] input[name=escaped]`)
      .check();
    await page.click('[data-action=declare-escape]');
    await page.fill('textarea[name=escapeReason]', 'not found in the section or anywhere in the camp');
    await page.fill('.escape-form input[name=authority]', 'Camp security');
    await shoot(page, 'headcount-escape-confirm');
    await page.click('[data-action=declare-escape-confirm]');
    await page.locator('[data-testid=incident]').waitFor();
    await page.locator(`.discrepancy.resolved[data-person="${escaped.registrationNumber}"]`).waitFor();
    await shoot(page, 'headcount-resolved');
    const person = await e2e.apiGet<{ custody: { status: string } }>(page, `/persons/${escaped.personId}`);
    assert.equal(person.custody.status, 'escaped');

    // The roll board of the facility.
    const count = await e2e.apiGet<{ facilityId: string }>(page, `/headcounts/${headcountId}`);
    await page.goto(`${e2e.base}/facilities/${count.facilityId}/roll-board`);
    await page.waitForSelector('[data-figure=inNow]');
    await shoot(page, 'roll-board-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, 'roll-board');
    await page.context().close();
  });

  it('breaks no rule of the Content-Security-Policy', () => {
    assert.deepEqual(e2e.cspViolations, []);
  });
});
