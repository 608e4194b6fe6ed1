// What the browser tests share: Debian's Chromium driven by playwright-core against `custodian serve` on
// a fresh demo database. Each test file checks for Chromium, starts one `E2e` for the whole file in
// `before` and stops it in `after`; the screens are saved under test/e2e/screenshots/ to be looked at.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/http/web.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = new URL('../../', import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
/** The demo users' password (`demo --demo-password`). */
export const DEMO_PASSWORD = 'e2e-demo-password';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** A browser context as on a phone: its screen, touch, and the mobile viewport rules. */
export const PHONE_CONTEXT: BrowserContextOptions = { viewport: PHONE, isMobile: true, hasTouch: true };

/**
 * Why the browser tests cannot run here (Chromium is missing), or null. Under CI=true they must run:
 * a missing Chromium throws instead. Call it at the top of a test file; pass the answer as `skip`.
 */
export function chromiumMissing(): string | null {
  const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (missing && process.env.CI === 'true')
    throw new Error(`Under CI=true the browser tests must run: ${missing}`);
  return missing;
}

/** Launches Chromium headless with the house flags, and any others given (e.g. a fake camera). */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
}

/** Saves a screen under test/e2e/screenshots/, the whole page unless told otherwise. */
export const shoot = (page: Page, name: string, { fullPage = true } = {}) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

/** Starts `custodian serve --port 0` on a database and resolves with its base address. */
function serve(db: string): { server: ChildProcess; base: Promise<string> } {
  const server = spawn(join(ROOT, 'bin/custodian'), ['--db', db, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Custodian: (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { server, base };
}

async function stopServer(server: ChildProcess): Promise<void> {
  server.kill('SIGTERM');
  if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
}

/** A fresh demo served over HTTP and a browser to look at it, for one test file. */
export class E2e {
  /** Every Content-Security-Policy violation reported by a page made by `newPage`. */
  readonly cspViolations: string[] = [];

  private constructor(
    /** The temporary directory holding the demo's database. */
    readonly dir: string,
    /** The server's address, e.g. `http://127.0.0.1:40123`. */
    readonly base: string,
    readonly browser: Browser,
    private readonly server: ChildProcess,
    private readonly password: string,
  ) {}

  /**
   * Builds a demo at `scale` whose users sign in with `password` in a new temporary directory named
   * after `name`, serves it, and launches Chromium. Stops what it started if any step fails.
   */
  static async start(
    name: string,
    { scale = '0.01', password = DEMO_PASSWORD }: { scale?: string; password?: string } = {},
  ): Promise<E2e> {
    assert.ok(existsSync(join(WEB_ROOT, 'index.html')), 'the web app is not built: npm run build:web');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), `custodian-e2e-${name}-`));
    let server: ChildProcess | undefined;
    try {
      const db = join(dir, 'custodian.db');
      execFileSync(
        join(ROOT, 'bin/custodian'),
        ['--db', db, 'demo', '--scale', scale, '--demo-password', password],
        {
          encoding: 'utf8',
        },
      );
      const served = serve(db);
      server = served.server;
      const base = await served.base;
      return new E2e(dir, base, await launchChromium(), server, password);
    } catch (error) {
      if (server) await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Closes the browser, stops the server and removes the demo. */
  async stop(): Promise<void> {
    await this.browser.close();
    await stopServer(this.server);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs the `custodian` command on the demo's database; answers what it printed. */
  custodian(...args: string[]): string {
    return execFileSync(join(ROOT, 'bin/custodian'), ['--db', join(this.dir, 'custodian.db'), ...args], {
      encoding: 'utf8',
    });
  }

  /** A page in a new context of `browser` (by default this one), its CSP violations recorded. */
  async newPage(
    options: BrowserContextOptions = { viewport: DESKTOP },
    browser = this.browser,
  ): Promise<Page> {
    const page = await (await browser.newContext(options)).newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) this.cspViolations.push(message.text());
    });
    return page;
  }

  /** Signs a demo user in through the sign-in screen. */
  async signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${this.base}/`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', this.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
  }

  /** A new page (see `newPage`) with a demo user signed in. */
  async signedIn(username: string, options?: BrowserContextOptions): Promise<Page> {
    const page = await this.newPage(options);
    await this.signIn(page, username);
    return page;
  }

  /** GET on the API with the page's session cookie; asserts a 200 and answers the body. */
  async apiGet<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(`${this.base}/api/v1${path}`);
    assert.equal(response.status(), 200, `${path}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** POST on the API with the page's session cookie and its CSRF token; answers the response. */
  async apiPost(page: Page, path: string, data: unknown) {
    const { csrfToken } = await this.apiGet<{ csrfToken: string }>(page, '/auth/session');
    return page.request.post(`${this.base}/api/v1${path}`, { headers: { 'x-csrf-token': csrfToken }, data });
  }
}
