// Benchmark of the web app's page load in Chromium at full scale: the time from navigation until the
// dashboard's figures, and the registry's first rows, are on screen.
//
//   node --import tsx bench/web.ts [--scale 1] [--runs 5]
//
// Builds the demo at --scale on an SQLite file under bench/tmp/ (its build time is recorded too), starts
// `custodian serve` on it, signs a registrar in, then loads each screen --runs times in a fresh browser
// context (empty cache, as on a first visit) after one warm-up load, and records every run and the
// median. Time is the page's own clock (performance.now(), from the start of navigation). Needs the
// built web app (npm run build:web) and /usr/bin/chromium. Writes bench/results/web.json.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { WEB_ROOT } from '../src/http/web.ts';
import { machine } from './machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const CHROMIUM = '/usr/bin/chromium';
const TARGET_MS = 1500;
const PASSWORD = 'bench-chosen-password';

const { values: args } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' } },
});
const scale = Number(args.scale);
const runs = Number(args.runs);
if (!(scale > 0) || !Number.isInteger(runs) || runs < 1) throw new Error('--scale > 0 and --runs >= 1');
if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('The web app is not built: npm run build:web');
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

/** What is on screen when each screen is usable: its first figures or rows. */
const screens = {
  dashboard: { path: '/', ready: '[data-figure="totals.population"]' },
  registry: { path: '/registry', ready: '.person-row:not(.placeholder)' },
} as const;

const dir = join(here, 'tmp', `web-${process.pid}`);
mkdirSync(dir, { recursive: true });
const db = join(dir, 'custodian.db');
const custodian = (...a: string[]) =>
  execFileSync(join(root, 'bin/custodian'), ['--db', db, ...a], { encoding: 'utf8' });

let server: ChildProcess | undefined;
let browser: Browser | undefined;
try {
  const buildStarted = Date.now();
  // Its first line: "Demo built in … s: … facilities, … people, … events." (then the demo users).
  const demo = custodian('demo', '--scale', String(scale)).split('\n')[0]!;
  const demoSeconds = (Date.now() - buildStarted) / 1000;
  console.log(demo);
  const oneTime = /One-time password: (\S+)/.exec(
    custodian('users', 'add', 'bench', '--role', 'registrar', '--facilities', 'all'),
  )![1]!;

  server = spawn(join(root, 'bin/custodian'), ['--db', db, 'serve', '--port', '0', '--scan-every', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Custodian: (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (match) resolve(match[1]!);
    });
    server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // One sign-in (and the one-time password replaced); each run starts from its cookie, with an empty cache.
  const signIn = await browser.newContext();
  const login = await signIn.request.post(`${base}/api/v1/auth/login`, {
    data: { username: 'bench', password: oneTime },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await signIn.request.post(`${base}/api/v1/auth/password`, {
    data: { currentPassword: oneTime, newPassword: PASSWORD },
    headers: { 'x-csrf-token': csrfToken },
  });
  const storageState = await signIn.storageState();
  await signIn.close();

  const load = async (screen: keyof typeof screens): Promise<number> => {
    const context = await browser!.newContext({ storageState, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + screens[screen].path, { waitUntil: 'commit' });
    const ms = await page.waitForFunction(
      (selector) => (document.querySelector(selector) ? performance.now() : false),
      screens[screen].ready,
      { polling: 'raf', timeout: 30_000 },
    );
    const value = (await ms.jsonValue()) as number;
    await context.close();
    return Math.round(value);
  };

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const results: Record<string, { runsMs: number[]; medianMs: number; underTarget: boolean }> = {};
  for (const screen of Object.keys(screens) as (keyof typeof screens)[]) {
    await load(screen); // warm-up: the server's first queries, the browser's first start
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push(await load(screen));
    results[screen] = { runsMs, medianMs: median(runsMs), underTarget: median(runsMs) < TARGET_MS };
    console.log(`${screen}: median ${median(runsMs)} ms (${runsMs.join(', ')})`);
  }

  const report = {
    benchmark: 'web',
    date: new Date().toISOString(),
    machine: { ...machine(), chromium: browser.version() },
    settings:
      'custodian serve on SQLite (bench/tmp), Chromium headless on the same machine over 127.0.0.1; ' +
      'each run a fresh browser context (empty cache) with a signed-in registrar (all facilities), 1280x900',
    demo: { scale, summary: demo, buildSeconds: demoSeconds },
    measure:
      'performance.now() when the first figure (dashboard) or first person row (registry) is in the DOM',
    targetMs: TARGET_MS,
    screens: results,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'web.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('Wrote bench/results/web.json');
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  rmSync(dir, { recursive: true, force: true });
}
