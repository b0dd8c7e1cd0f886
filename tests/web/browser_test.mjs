// The web pages in a real browser: Debian's Chromium driven by
// playwright-core, against the real server on a fresh SQLite file with the
// demo data. Runs the patient flow (start, intake with a refused answer,
// result, joining with an invitation, journal, progress chart) and the
// clinician flow (dashboard, a patient's page, inviting), on a desktop and
// a phone-sized screen, each with JavaScript on and off; checks every page
// with axe (no serious or critical violations), that names and notes
// holding script are shown as text, and each page's size. Screenshots of
// every page go to the output directory.
//
//   node tests/web/browser_test.mjs BINARY OUTPUT_DIR
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const [binary, outputDir] = process.argv.slice(2);
if (!binary || !outputDir) {
  console.error('usage: node tests/web/browser_test.mjs BINARY OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outputDir, { recursive: true });

const PAGE_LIMIT = 50 * 1024; // bytes of HTML per page (the budget)
const XSS_NAME = '<script>window.__xss = 1</script>Mallory';
const XSS_NOTE = '<img src=x onerror="window.__xss = 2">felt fine';

let failures = 0;
const results = [];

function startServer(database) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MN_DATABASE: database },
    });
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/serving (http:\/\/[^ ]+) /);
      if (found) resolve({ server, url: found[1] });
    });
    // The access log goes to stderr; anything else there (a sanitizer's
    // report, say) is kept and shown.
    server.problems = '';
    let partial = '';
    server.stderr.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        if (!line.startsWith('{"time":')) server.problems += `${line}\n`;
      }
    });
    server.exited = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

// One page checked: axe, size, a screenshot. Playwright cannot evaluate
// anything in a page with JavaScript disabled, so there only the screenshot
// is taken: the pages are the same HTML either way (no script writes them),
// and the variants with JavaScript check them.
async function check(page, variant, name) {
  const started = Date.now();
  if (variant.endsWith('-nojs')) {
    await page.screenshot({ path: join(outputDir, `${variant}-${name}.png`), fullPage: true });
    return;
  }
  // The page as the browser has it (also after a POST, which a second
  // request could not repeat).
  const size = Buffer.byteLength(await page.content());
  assert.ok(size < PAGE_LIMIT, `${name}: ${size} bytes of HTML, over ${PAGE_LIMIT}`);
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `${name}: accessibility violations`,
  );
  await page.screenshot({ path: join(outputDir, `${variant}-${name}.png`), fullPage: true });
  const xss = await page.evaluate(() => window.__xss);
  assert.equal(xss, undefined, `${name}: a script from user data ran`);
  console.log(`  ${variant} ${name}: ${size} bytes, checked in ${Date.now() - started} ms`);
}

async function signIn(page, base, login, password) {
  await page.goto(`${base}/signin`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('button[type=submit].primary');
}

async function clinicianFlow(context, base, password, variant, invitee) {
  const page = await context.newPage();
  await signIn(page, base, 'demo.clinician', password);
  await page.waitForURL(`${base}/clinic`);
  assert.ok((await page.locator('tbody tr').count()) >= 6, 'the demo patients are listed');
  await check(page, variant, 'clinic');

  // Invite the patient of this variant: the one-time code is shown once.
  await page.check('input[name=role][value=patient]');
  await page.fill('#display_name', invitee);
  await page.fill('#time_zone', 'Europe/Berlin');
  await page.click('button[type=submit].primary');
  const code = (await page.locator('#invitation-code').textContent()).trim();
  assert.match(code, /^[A-Za-z0-9_-]{43}$/);
  await check(page, variant, 'clinic-invited');

  await page.click('tbody tr:first-child a');
  await page.waitForURL(/\/clinic\/patients\/\d+$/);
  await page.locator('h2', { hasText: 'Journal' }).waitFor();
  await check(page, variant, 'clinic-patient');
  await page.click('a:has-text("Progress and plan")');
  await page.locator('h1', { hasText: 'Progress of' }).waitFor();
  await check(page, variant, 'clinic-patient-progress');
  await page.close();
  return code;
}

async function intake(page, base, variant) {
  await page.goto(`${base}/`);
  await check(page, variant, 'start');
  await page.click('a.button');
  await page.waitForURL(`${base}/intake`);

  // Goals.
  await page.check('input[name=goals][value=pain_relief]');
  await page.check('input[name=goals][value=mobility]');
  await check(page, variant, 'intake-goals');
  await page.click('button[value=next]');
  // Pain: where, then the details of each area.
  await page.check('input[name=pain_areas][value=neck]');
  await page.check('input[name=knots][value=yes]');
  await check(page, variant, 'intake-pain');
  await page.click('button[value=next]');
  await page.fill('[id="pain.neck.intensity"]', '6');
  await page.fill('[id="pain.neck.weeks"]', '8');
  await page.check('input[name="pain.neck.localized"][value=yes]');
  await check(page, variant, 'intake-pain-details');
  await page.click('button[value=next]');
  // Movement: "limits daily life" is asked only after a limited motion.
  await page.check('input[name=limited_motion][value=no]');
  await page.click('button[value=next]');
  // Stress and sleep, with an answer out of range first.
  await page.fill('#stress', '14');
  await page.fill('#sleep_quality', '6');
  await page.click('button[value=next]');
  await page.locator('.errors').waitFor();
  assert.equal(await page.inputValue('#stress'), '14', 'the refused answer is kept');
  assert.equal(await page.inputValue('#sleep_quality'), '6', 'the other answers are kept');
  assert.match(await page.locator('.field.has-error').first().textContent(), /0\.\.10|10/);
  await check(page, variant, 'intake-error');
  await page.fill('#stress', '4');
  await page.click('button[value=next]');
  // Health and safety.
  await page.fill('#age', '41');
  await page.check('input[name=unexplained_severe_pain][value=no]');
  await page.check('input[name=pregnant][value=no]');
  await page.check('input[name="surgery_weeks_ago.none"]');
  await check(page, variant, 'intake-health');
  await page.click('button[value=next]');
  // Preferences: the last step.
  await page.fill('#sessions_per_month_max', '2');
  await page.fill('#budget_per_session', '90');
  assert.equal((await page.textContent('button[value=next]')).trim(), 'See my result');
  await page.click('button[value=next]');
  await page.locator('h1', { hasText: 'Your result' }).waitFor();
  assert.match(await page.textContent('.headline'), /massage|consultation/i);
  assert.ok((await page.locator('#plan ~ * tbody tr, section[aria-labelledby=plan] tbody tr').count()) > 0,
    'the plan has dated sessions');
  await check(page, variant, 'result-anonymous');
}

async function patientFlow(context, base, code, variant) {
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    failures += 1;
    console.error(`${variant}: a dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
  await intake(page, base, variant);

  // Join with the invitation from the result page: the answers are saved.
  const login = `patient.${variant}`;
  await page.fill('#code', code);
  await page.fill('#join-name', login);
  await page.fill('#join-password', 'correct horse battery staple');
  await page.click('button:has-text("Join and save my plan")');
  await page.waitForURL(`${base}/result`);
  await page.locator('.notice', { hasText: 'Saved to your record' }).waitFor();
  await check(page, variant, 'result-saved');

  // Two journal entries, one with a note holding markup.
  await page.click('nav a[href="/journal"]');
  await page.waitForURL(`${base}/journal`);
  await check(page, variant, 'journal-empty');
  await page.fill('[id="pain.neck"]', '6');
  await page.fill('#stress', '5');
  await page.fill('#notes', XSS_NOTE);
  await page.click('button:has-text("Save entry")');
  await page.waitForURL(`${base}/journal?saved=1`);
  await page.locator('.card p', { hasText: XSS_NOTE }).waitFor();
  await page.fill('[id="pain.neck"]', '11');
  await page.click('button:has-text("Save entry")');
  await page.locator('.errors').waitFor();
  await check(page, variant, 'journal-error');
  // Dated yesterday noon (the person's time): an entry made afterwards.
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.fill('#time', `${yesterday}T12:00`);
  await page.fill('[id="pain.neck"]', '4');
  await page.fill('#activity1', 'Turning my head to drive');
  await page.fill('#activity1_score', '5');
  await page.click('button:has-text("Save entry")');
  await page.waitForURL(`${base}/journal?saved=1`);
  assert.equal(await page.locator('article.card').count(), 2);
  await check(page, variant, 'journal');

  // Progress: the chart is drawn by the server (no script needed).
  await page.click('nav a[href="/progress"]');
  await page.waitForURL(`${base}/progress`);
  const chart = page.locator('svg[role=img]').first();
  await chart.waitFor();
  assert.ok((await chart.boundingBox()).width > 200, 'the chart is visible');
  assert.ok((await page.locator('svg[role=img] circle').count()) >= 2, 'both values are drawn');
  await check(page, variant, 'progress');

  await page.click('nav a[href="/account"]');
  await page.waitForURL(`${base}/account`);
  assert.ok((await page.locator('tbody tr').count()) > 0, 'the reads of the record are listed');
  await check(page, variant, 'account');
  await page.click('button:has-text("Sign out")');
  await page.waitForURL(`${base}/`);
  await page.close();
}

async function run() {
  const work = mkdtempSync(join(tmpdir(), 'mn-web-'));
  const database = `sqlite:${join(work, 'web.db')}`;
  const demo = execFileSync(binary, ['demo', 'load'], {
    encoding: 'utf8',
    env: { ...process.env, MN_DATABASE: database },
  });
  const password = demo.match(/shown only now: (\S+)/)[1];
  const { server, url } = await startServer(database);
  const browser = await chromium.launch({
    executablePath: process.env.MN_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const only = process.env.MN_WEB_VARIANT; // e.g. "desktop-js", to run one while debugging
  const variants = [
    { name: 'desktop', viewport: { width: 1280, height: 900 } },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  ];
  try {
    for (const screen of variants) {
      for (const javaScriptEnabled of [true, false]) {
        const variant = `${screen.name}-${javaScriptEnabled ? 'js' : 'nojs'}`;
        if (only && only !== variant) continue;
        const options = { viewport: screen.viewport, isMobile: screen.isMobile,
          hasTouch: screen.hasTouch, javaScriptEnabled };
        try {
          const clinic = await browser.newContext(options);
          const code = await clinicianFlow(clinic, url, password, variant, `${XSS_NAME} ${variant}`);
          await clinic.close();
          const patient = await browser.newContext(options);
          await patientFlow(patient, url, code, variant);
          await patient.close();
          // The invited name, holding a script tag, is shown as text.
          const again = await browser.newContext(options);
          const page = await again.newPage();
          await signIn(page, url, 'demo.clinician', password);
          await page.locator('a', { hasText: `${XSS_NAME} ${variant}` }).waitFor();
          await check(page, variant, 'clinic-after');
          await again.close();
          results.push(`ok   ${variant}`);
        } catch (error) {
          for (const context of browser.contexts()) {
            for (const open of context.pages()) {
              await open.screenshot({ path: join(outputDir, `${variant}-FAILED.png`), fullPage: true })
                .catch(() => {});
            }
          }
          failures += 1;
          results.push(`FAIL ${variant}: ${error.message}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    // A clean stop: exit status 0 (a leak or sanitizer report would change it).
    const { code, signal } = await server.exited;
    if (code !== 0 || server.problems !== '') {
      failures += 1;
      results.push(`FAIL server: exit ${code ?? signal}\n${server.problems}`);
    }
    rmSync(work, { recursive: true, force: true });
  }
  console.log(results.join('\n'));
  console.log(`screenshots: ${outputDir}`);
  process.exit(failures === 0 ? 0 : 1);
}

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
