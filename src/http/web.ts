// The web app (src/web, built by `npm run build:web` into dist/web) served beside the API: hashed
// assets cached for a year, and index.html for every other address outside /api, so that the app's
// own router answers a reload of /registry or /persons/…
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** What `serve` answers when the web app was never built: the API works without it. */
const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Custodian: web app not built</title></head>
<body><h1>The web app is not built</h1>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
<p>The API answers at <a href="/api/v1/openapi.json">/api/v1</a>.</p></body></html>
`;

export function registerWebApp(server: FastifyInstance, root = WEB_ROOT): void {
  // Files are looked up when asked for, so a rebuild is served without a restart.
  server.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    // Vite names each asset by its content: a changed file has a new name, so none ever goes stale.
    cacheControl: false,
    setHeaders: (reply) => reply.setHeader('cache-control', 'public, max-age=31536000, immutable'),
  });
  server.get('/*', (request, reply) => {
    // An unknown API route keeps its problem+json 404, from the API's not-found handler.
    if (/^\/api(\/|\?|$)/.test(request.url)) return reply.callNotFound();
    if (!existsSync(join(root, 'index.html'))) {
      return reply.code(503).type('text/html; charset=utf-8').send(notBuilt);
    }
    // index.html names the current assets: always asked for again.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
}
