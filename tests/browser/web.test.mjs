// The web application in a real browser: Playwright (playwright-core)
// driving Debian's chromium against `medcode serve` on a free port, with
// a store imported from $MEDCODE_DATA and an account database of its own.
// The user story of issue 19, in order: open /, search with type-ahead,
// read the 0620T page, hit the wall on the second code page, register,
// read five more, be stopped again; then log-out/log-in, a CSRF failure,
// the Redact and Detect tools; axe-core on every page type (no serious or
// critical violations); screenshots at desktop and phone widths under
// $MC_ARTIFACTS (default build/browser-artifacts).
//
// Environment: MC_BINARY (medcode), MEDCODE_DB (an imported store),
// CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const artifacts = process.env.MC_ARTIFACTS || join(root, 'build', 'browser-artifacts');
const bin = process.env.MC_BINARY || join(root, 'build', 'release', 'medcode');
const store = process.env.MEDCODE_DB;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'correct horse battery 7';
const CLINICAL = 'John Smith was seen on 03/04/2021 at Mercy Hospital. Call 555-123-4567.';

let server, base, tmp, log = '', browser;
const axeResults = [];

before(async () => {
  assert.ok(store, 'MEDCODE_DB must name an imported store');
  tmp = mkdtempSync(join(tmpdir(), 'mc-browser-'));
  mkdirSync(artifacts, { recursive: true });
  server = spawn(bin, ['--db', store, 'serve', '--port', '0', '--threads', '2',
                       '--accounts', join(tmp, 'accounts.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
  // (MEDCODE_DATA in the environment gives the redactor its name lists.)
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), 30000);
    server.stderr.on('data', (d) => {
      log += d.toString();
      const m = log.match(/listening on (http:\/\/[^ ]+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (c) => reject(new Error('server exited ' + c + ': ' + log)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await done;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  console.log('axe: ' + axeResults.map((r) => `${r.name}: ${r.serious} serious/critical, ${r.other} other`).join('; '));
});

// A context with console errors (CSP violations among them) collected;
// HTTP error statuses (the wall's 403) are expected and left out.
async function context(viewport) {
  const ctx = await browser.newContext({ viewport, baseURL: base });
  ctx.errors = [];
  ctx.on('page', (p) => p.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) ctx.errors.push(m.text()); }));
  return ctx;
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({ name, serious: bad.length, other: r.violations.length - bad.length });
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
                   `axe on ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, name + '.png'), fullPage: true });
}

const banner = (page) => page.locator('p.meter').innerText();

test('guest reads one code page, registers, reads five more, is stopped again', async () => {
  const ctx = await context(DESKTOP);
  const page = await ctx.newPage();

  // Home, and type-ahead: suggestions appear as the code is typed.
  let res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'], /script-src 'self'/);
  assert.match(res.headers()['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(res.headers()['referrer-policy'], 'same-origin');
  await axe(page, 'home');
  await shot(page, 'home-desktop');
  await page.locator('#q').pressSequentially('0620T', { delay: 40 });
  const option = page.locator('#q-list [role=option]', { hasText: '0620T' });
  await option.first().waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
  await shot(page, 'typeahead-desktop');
  // Enter with no suggestion chosen submits the form: the results page.
  await Promise.all([page.waitForURL(/\/search\?q=0620T/), page.locator('#q').press('Enter')]);
  assert.ok(await page.locator('.results a.code', { hasText: '0620T' }).count() >= 1);
  await axe(page, 'search results');
  // Back to the suggestion: it opens the code page.
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially('0620T', { delay: 40 });
  await option.first().waitFor({ state: 'visible', timeout: 10000 });
  await Promise.all([page.waitForURL(/\/codes\/0620T/), option.first().click()]);

  // The 0620T page: the code page document with its sections and sources.
  assert.match(await page.locator('article.doc h1').innerText(), /0620T/);
  for (const id of ['description', 'reference', 'sources'])
    assert.equal(await page.locator(`section#${id}`).count(), 1, `section ${id}`);
  assert.match(await page.locator('section#reference').innerText(), /Source/);
  assert.match(await banner(page), /^0 code page views remaining/);
  await axe(page, 'code page');
  await shot(page, 'code-0620T-desktop');

  // The second code page is walled; the first stays open.
  res = await page.goto('/codes/99213');
  assert.equal(res.status(), 403);
  await page.locator('#wall').waitFor();
  assert.equal(await page.locator('article.doc').count(), 0);
  await axe(page, 'wall');
  await shot(page, 'wall-guest-desktop');
  assert.equal((await page.goto('/codes/0620T')).status(), 200);

  // Register from the wall.
  await page.goto('/codes/99213');
  await Promise.all([page.waitForURL(/\/register/), page.locator('#wall a', { hasText: 'Register' }).click()]);
  await axe(page, 'register');
  // A bad form first: every field gets its message.
  await page.fill('#email', 'not-an-email');
  await page.fill('#password', 'short');
  await page.fill('#confirm', 'short');
  await page.click('form.card button[type=submit]');
  assert.match(await page.locator('#email-err').innerText(), /email address/);
  assert.match(await page.locator('#password-err').innerText(), /at least 10/);
  await axe(page, 'register with errors');
  const email = `coder${Date.now()}@example.org`;
  ctx.email = email;
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirm', PASSWORD);
  await Promise.all([page.waitForURL(/\/account/), page.click('form.card button[type=submit]')]);
  assert.match(await page.locator('main').innerText(), /You are logged in/);
  assert.match(await banner(page), /^5 of 5 free code page views left/);
  await axe(page, 'account');
  const cookies = await ctx.cookies();
  const session = cookies.find((c) => c.name === 'mc_session');
  assert.ok(session && session.httpOnly && session.sameSite === 'Lax', 'session cookie HttpOnly, SameSite=Lax');

  // Five more code pages, then the wall again.
  const five = ['99213', '34712', '37249', 'E11.52', '77001'];
  for (let i = 0; i < five.length; i++) {
    res = await page.goto('/codes/' + encodeURIComponent(five[i]));
    assert.equal(res.status(), 200, five[i]);
    assert.equal(await page.locator('#wall').count(), 0);
    assert.match(await banner(page), new RegExp(`^${4 - i} of 5 free code page views left`));
  }
  await shot(page, 'code-E11.52-desktop');
  res = await page.goto('/codes/J1100');
  assert.equal(res.status(), 403);
  await page.locator('#wall').waitFor();
  await shot(page, 'wall-member-desktop');
  // A page read this month stays open.
  assert.equal((await page.goto('/codes/34712')).status(), 200);
  assert.deepEqual(ctx.errors, [], 'no console errors (CSP violations among them)');
  await ctx.close();
});

test('log out, a wrong password, log in again', async () => {
  const ctx = await context(DESKTOP);
  const page = await ctx.newPage();
  const email = `login${Date.now()}@example.org`;
  await page.goto('/register');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirm', PASSWORD);
  await Promise.all([page.waitForURL(/\/account/), page.click('form.card button[type=submit]')]);
  const before = (await ctx.cookies()).find((c) => c.name === 'mc_session').value;
  await Promise.all([page.waitForURL(base + '/'), page.click('header form button', { hasText: 'Log out' })]);
  assert.equal(await page.locator('header a', { hasText: 'Log in' }).count(), 1);
  // The old session is dead even if replayed.
  await ctx.addCookies([{ name: 'mc_session', value: before, url: base }]);
  await page.goto('/account');
  assert.match(page.url(), /\/login$/);
  await axe(page, 'login');
  await page.fill('#email', email);
  await page.fill('#password', 'wrong password here');
  await page.click('form.card button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /Email or password is incorrect/);
  // An unknown email reads the same (no account enumeration).
  await page.fill('#email', 'nobody-' + email);
  await page.fill('#password', 'wrong password here');
  await page.click('form.card button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /Email or password is incorrect/);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(/\/account/), page.click('form.card button[type=submit]')]);
  const after = (await ctx.cookies()).find((c) => c.name === 'mc_session').value;
  assert.notEqual(after, before, 'the session token is new at log-in');
  await shot(page, 'account-desktop');
  await ctx.close();
});

test('a form with a wrong CSRF token is refused', async () => {
  const ctx = await context(DESKTOP);
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.evaluate(() => { document.querySelector('input[name=csrf]').value = 'x'.repeat(43); });
  await page.fill('#email', 'someone@example.org');
  await page.fill('#password', PASSWORD);
  const [res] = await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
  assert.equal(res.status(), 403);
  assert.match(await page.locator('main').innerText(), /Form expired/);
  await axe(page, 'error page');
  // A cross-site post (another Origin) is refused too, token or not.
  const token = await (await ctx.newPage()).goto('/login').then(async (r) => r.text())
    .then((html) => html.match(/name="csrf" value="([^"]+)"/)[1]);
  const r2 = await ctx.request.post('/login', {
    headers: { Origin: 'https://evil.example' },
    form: { csrf: token, email: 'someone@example.org', password: PASSWORD },
  });
  assert.equal(r2.status(), 403);
  await ctx.close();
});

test('the Redact and Detect tools', async () => {
  const ctx = await context(DESKTOP);
  const page = await ctx.newPage();
  await page.goto('/redact');
  await axe(page, 'redact form');
  // Empty text: a clear message.
  await page.click('main form button[type=submit]');
  assert.match(await page.locator('#text-err').innerText(), /Paste some text/);
  await page.fill('#text', CLINICAL);
  const [res] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['cache-control'], 'no-store');
  const red = await page.locator('#redacted').innerText();
  assert.ok(!red.includes('555-123-4567') && !red.includes('Smith'), red);
  assert.match(red, /\[NAME\]/);
  assert.ok(await page.locator('#spans tbody tr').count() >= 3);
  await axe(page, 'redact result');
  await shot(page, 'redact-desktop');
  await page.goto('/detect');
  await page.fill('#text', 'Type 2 diabetes with foot ulcer. Denies chest pain.');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.ok(await page.locator('#doc-codes li').count() >= 1);
  assert.match(await page.locator('#entities').innerText(), /NEGATION/);
  await axe(page, 'detect result');
  for (const [path, name] of [['/ask', 'ask form'], ['/publish', 'publish form'], ['/codes/NOPE99', 'not found']]) {
    await page.goto(path);
    await axe(page, name);
  }
  await page.goto('/ask?q=' + encodeURIComponent('What is the CPT code for fluoroscopy imaging?'));
  assert.equal(await page.locator('article.doc').count(), 1);
  await axe(page, 'answer article');
  await ctx.close();
  // Nothing typed into a form reaches the server's log.
  for (const secret of [PASSWORD, 'John Smith', '555-123-4567', 'foot ulcer'])
    assert.ok(!log.includes(secret), 'log holds ' + secret);
});

test('phone width', async () => {
  const ctx = await context(PHONE);
  const page = await ctx.newPage();
  await page.goto('/');
  await shot(page, 'home-phone');
  await page.goto('/codes/0620T');
  assert.equal(await page.locator('article.doc').count(), 1);
  await axe(page, 'code page (phone)');
  await shot(page, 'code-0620T-phone');
  assert.equal((await page.goto('/codes/99213')).status(), 403);
  await shot(page, 'wall-guest-phone');
  await page.goto('/redact');
  await shot(page, 'redact-phone');
  await ctx.close();
});
