// Incidents in a real browser: a guard records a thwarted organised escape attempt at a perimeter sector
// from a phone, a commander opens it, the dashboard's count moves by one and the map shows it. Chromium
// driven by playwright-core against `custodian serve` on a fresh `--scale 0.01` demo, as web.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, E2e, PHONE_CONTEXT, shoot } from './support.ts';

/** The autumn of 2019, when the demo's incidents happen and the guard's attempt is dated. */
const DEMO_PERIOD = 'from=2019-09-01&to=2019-12-31';

const missing = chromiumMissing();

describe('incidents in Chromium', { skip: missing ?? false }, () => {
  let e2e: E2e;

  async function thwarted(page: Page): Promise<number> {
    await page.goto(`${e2e.base}/?${DEMO_PERIOD}`);
    const figure = page.locator('[data-figure="incidents.escapeAttempts.thwarted"]');
    await figure.waitFor();
    return Number(await figure.getAttribute('data-value'));
  }

  before(async () => {
    e2e = await E2e.start('incidents');
  });

  after(() => e2e?.stop());

  it('a guard records a thwarted organised attempt from a phone; the commander opens it, counts it and finds it on the map', async () => {
    const commander = await e2e.signedIn('commander');
    const before = await thwarted(commander);
    assert.ok(before >= 635, `the demo's autumn shows the attempts thwarted since the offensive: ${before}`);

    // The guard, on a phone: the form of an escape attempt asks the sector, the scale and the outcome.
    const guard = await e2e.signedIn('guard', PHONE_CONTEXT);
    await guard.goto(`${e2e.base}/incidents`);
    await guard.click('text=Record an incident');
    await guard.waitForSelector('select[name=type]');
    await guard.selectOption('select[name=type]', 'escape-attempt');
    const hol = await guard
      .locator('select[name=facilityId] option', { hasText: 'HOL' })
      .getAttribute('value');
    await guard.selectOption('select[name=facilityId]', hol!);
    const sector = guard.locator('select[name=sectorId] option', { hasText: 'E-FENCE' });
    await sector.waitFor({ state: 'attached' });
    await guard.selectOption('select[name=sectorId]', (await sector.getAttribute('value'))!);
    await guard.fill('input[name=occurredAt]', '2019-10-20T02:40');
    await guard.selectOption('select[name=scale]', 'organised');
    await guard.selectOption('select[name=outcome]', 'thwarted');
    await guard.selectOption('select[name=forceUsed]', 'physical');
    await guard.fill(
      'textarea[name=summary]',
      'Six women and a driver waiting outside; wire cut, turned back at the east fence',
    );
    await shoot(guard, 'incident-form-phone');
    const wide = await guard.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'the form fits the phone without sideways scrolling');
    await guard.click('button[type=submit]');
    await guard.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const incidentId = guard.url().split('/').at(-1)!;

    // The commander opens it from the log.
    await commander.goto(`${e2e.base}/incidents?facility=${hol}&from=2019-10-20&to=2019-10-20`);
    await commander.click(`[data-incident="${incidentId}"]`);
    await commander.waitForSelector(`.incident-page[data-incident="${incidentId}"]`);
    const text = (await commander.textContent('.incident-page')) ?? '';
    assert.match(text, /Organised/);
    assert.match(text, /Thwarted/);
    assert.match(text, /E-FENCE/);
    await shoot(commander, 'incident');

    assert.equal(await thwarted(commander), before + 1, 'the dashboard counts it');
    await shoot(commander, 'dashboard-incidents');

    await commander.goto(`${e2e.base}/map`);
    await commander.waitForSelector(`circle[data-incident="${incidentId}"]`);
    await commander.waitForSelector('[data-facility="HOL"]');
    await shoot(commander, 'map');
    assert.deepEqual(e2e.cspViolations, []);
  });

  it('a security analyst records a conflicting claim and assesses one as most likely: both stay', async () => {
    const analyst = await e2e.signedIn('security-analyst');
    const ayn = analyst.locator('[data-incident]', { hasText: 'AYN' });
    await analyst.goto(`${e2e.base}/incidents?type=escape`);
    await ayn.first().click();
    await analyst.waitForSelector('.incident-page');
    const figure = analyst.locator('[data-figure="reported.escaped"]');
    assert.equal(await figure.textContent(), '859');

    // A second source gives another figure: a range, from the media, graded C4.
    await analyst.click('[data-action=claim]');
    await analyst.selectOption('[data-form=claim] select[name=kind]', 'count');
    await analyst.selectOption('[data-form=claim] select[name=measure]', 'escaped');
    await analyst.fill('[data-form=claim] input[name=countMin]', '900');
    await analyst.fill('[data-form=claim] input[name=countMax]', '950');
    await analyst.selectOption('[data-form=claim] select[name=sourceKind]', 'media');
    await analyst.fill('[data-form=claim] input[name=sourceName]', 'Regional television channel');
    await analyst.fill('[data-form=claim] input[name=sourceReference]', 'evening bulletin, 14 October 2019');
    await analyst.selectOption('[data-form=claim] select[name=reliability]', 'C');
    await analyst.selectOption('[data-form=claim] select[name=credibility]', '4');
    await analyst.fill('[data-form=claim] input[name=reportedAt]', '2019-10-14T19:00');
    await analyst.click('[data-form=claim] button[type=submit]');
    const claims = analyst.locator('li.claim', { hasText: /859|900–950/ });
    await analyst.locator('li.claim', { hasText: '900–950' }).waitFor();
    assert.equal(await claims.count(), 2, 'the two claims stand side by side');
    assert.equal(await figure.textContent(), '859–950', 'unassessed, the figure spans both sources');

    // The analyst assesses the administration's figure as the most likely, with a reason.
    const official = analyst.locator('li.claim', { hasText: /^859/ });
    await official.locator('[data-action^=assess]').click();
    await official.locator('textarea[name=reason]').fill('The administration counted the annex register');
    await official.locator('button[type=submit]').click();
    await analyst.locator('li.claim[data-assessment=most-likely]', { hasText: /^859/ }).waitFor();
    assert.equal(await figure.textContent(), '859', 'the assessed claim gives the figure');
    assert.equal(await claims.count(), 2, 'the other claim is still shown');
    const media = analyst.locator('li.claim', { hasText: '900–950' });
    assert.equal(await media.getAttribute('data-assessment'), 'none');
    assert.match((await media.textContent()) ?? '', /Regional television channel · C4/);

    // A later assessment of the other claim supersedes the first: still both shown, the first marked.
    await media.locator('[data-action^=assess]').click();
    await media.locator('textarea[name=reason]').fill('Later lists from the camp support the higher figure');
    await media.locator('button[type=submit]').click();
    await analyst.locator('li.claim[data-assessment=superseded]', { hasText: /^859/ }).waitFor();
    assert.equal(await media.getAttribute('data-assessment'), 'most-likely');
    assert.equal(await figure.textContent(), '900–950');
    assert.equal(await claims.count(), 2);
    await shoot(analyst, 'incident-claims');
    assert.deepEqual(e2e.cspViolations, []);
  });

  it('a commander reports where a person at large was seen and asks for them back; a registrar sees no source', async () => {
    const commander = await e2e.signedIn('commander');
    await commander.goto(`${e2e.base}/at-large`);
    const card = commander.locator('.at-large li[data-person]').first();
    await card.waitFor();
    const personId = (await card.getAttribute('data-person'))!;

    await card.locator('[data-action=whereabouts]').click();
    const seen = card.locator('[data-form=whereabouts]');
    await seen.locator('input[name=seenAt]').fill('2019-11-02T10:00');
    await seen.locator('select[name=precision]').selectOption('day');
    await seen.locator('input[name=place]').fill('Market of Tell Abyad');
    await seen.locator('textarea[name=claim]').fill('Seen buying bread with two children');
    await seen.locator('select[name=sourceKind]').selectOption('informant');
    await seen.locator('input[name=sourceName]').fill('Informant K-7');
    await seen.locator('select[name=reliability]').selectOption('B');
    await seen.locator('select[name=credibility]').selectOption('2');
    await seen.locator('button[type=submit]').click();
    await card.locator('.whereabouts', { hasText: 'Informant K-7' }).waitFor();

    await card.locator('[data-action=request]').click();
    const ask = card.locator('[data-form=request]');
    await ask.locator('select[name=kind]').selectOption('extradition');
    await ask.locator('input[name=authority]').fill('Ministry of Justice, Iraq');
    await ask.locator('input[name=country]').fill('IRQ');
    await ask.locator('textarea[name=reason]').fill('Wanted under an Iraqi warrant');
    await ask.locator('button[type=submit]').click();
    const request = card.locator('[data-request]', { hasText: 'Ministry of Justice, Iraq' });
    await request.waitFor();
    assert.match((await request.textContent()) ?? '', /Extradition request.*requested/);

    await request.locator('[data-action^=decide]').click();
    await request.locator('select[name=status]').selectOption('refused');
    await request.locator('textarea[name=reason]').fill('No guarantee against the death penalty');
    await request.locator('button[type=submit]').click();
    await card
      .locator('[data-request][data-status=refused]', { hasText: 'Ministry of Justice, Iraq' })
      .waitFor();
    assert.equal(await request.locator('[data-action^=decide]').count(), 0, 'a refusal is final');
    await shoot(commander, 'at-large');

    // The registrar sees the report and its grades, not who gave it, and is offered none of this.
    const registrar = await e2e.signedIn('registrar');
    await registrar.goto(`${e2e.base}/at-large`);
    const seenByRegistrar = registrar.locator(`li[data-person="${personId}"]`);
    await seenByRegistrar.locator('.whereabouts', { hasText: 'Market of Tell Abyad' }).waitFor();
    const text = (await seenByRegistrar.textContent()) ?? '';
    assert.match(text, /informant · B2/);
    assert.doesNotMatch(text, /K-7/);
    assert.equal(await seenByRegistrar.locator('[data-action]').count(), 0);
    assert.deepEqual(e2e.cspViolations, []);
  });
});
