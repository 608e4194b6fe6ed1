// Serving the built web app beside the API: index.html for the app's addresses, long-cached assets,
// problem+json kept for /api, and a clear page when the app is not built.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { commandPolicy, queryPolicy, roles } from '../src/auth/policy.ts';
import { buildServer } from '../src/http/server.ts';
import { reviewsDuplicates } from '../src/web/policy.ts';
import { databases, openTestApp } from './support/databases.ts';

describe('serve: the web app beside the API', () => {
  let t: Awaited<ReturnType<typeof openTestApp>>;
  let root: string;
  let server: FastifyInstance;

  before(async () => {
    t = await openTestApp(databases[0]!);
    root = mkdtempSync(join(tmpdir(), 'custodian-web-'));
    server = buildServer(t.app, { webRoot: root });
  });
  after(async () => {
    await server.close();
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('says how to build the web app while it is not built', async () => {
    const response = await server.inject('/');
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build:web/);
  });

  it('answers every address outside /api with index.html, and assets with a long cache', async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(root, 'assets/app-1a2b.js'), 'export {};');
    for (const url of [
      '/',
      '/registry',
      '/duplicates',
      '/persons/0197a3c2-0000-7000-8000-000000000000?x=1',
    ]) {
      const page = await server.inject(url);
      assert.equal(page.statusCode, 200, url);
      assert.match(page.headers['content-type'] as string, /^text\/html/);
      assert.equal(page.headers['cache-control'], 'no-cache');
      assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
      assert.match(page.body, /app-1a2b\.js/);
    }
    const asset = await server.inject('/assets/app-1a2b.js');
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(asset.headers['content-type'] as string, /javascript/);
  });

  it('offers the review of possible duplicates to exactly the roles the API lets list and decide them', () => {
    for (const role of roles) {
      const api =
        queryPolicy.listDuplicates.roles.includes(role) && commandPolicy.decideDuplicate.roles.includes(role);
      assert.equal(reviewsDuplicates(role), api, role);
    }
  });

  it('keeps problem+json for unknown API routes and missing assets', async () => {
    for (const url of ['/api', '/api/v2/persons', '/api/v1/prisoners', '/assets/gone-0000.js']) {
      const response = await server.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().code, 'route.not-found', url);
    }
  });
});
