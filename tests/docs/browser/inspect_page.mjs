// Drives the system's Chromium (no browser download) with playwright-core over the reference
// page and prints what a reader sees, as JSON on stdout, for tests/docs/test_page_in_browser.py
// to judge: every section and whether it is visible; each resource's navigation entry and
// whether clicking it brings the resource into view, on a wide screen and a phone's; for every request panel, each tab as it
// is clicked (its label, whether its sample became visible while the others hid, the visible
// text); every response; the requests the page made; script errors. Saves a screenshot.
//
//   node inspect_page.mjs <page URL> <screenshot.png> <chromium executable>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const [pageUrl, screenshotPath, executablePath] = process.argv.slice(2);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function panelsOf(group) {
  const found = [];
  for (const panel of await group.getByRole('tabpanel', { includeHidden: true }).all()) {
    found.push({
      id: await panel.getAttribute('id'),
      visible: await panel.isVisible(),
    });
  }
  return found;
}

// The tab each request panel shows, read in one go (a page of the whole API has 25 panels).
function selectedEverywhere() {
  return [...document.querySelectorAll('[data-code-group]')].map((group) => {
    const selected = group.querySelectorAll('[role="tab"][aria-selected="true"]');
    return selected.length === 1 ? selected[0].innerText.trim() : null;
  });
}

// Each resource's entry in the navigation: visible, and whether clicking it brings its article
// into view.
async function navigationOf(page) {
  const found = [];
  for (const link of await page.locator('nav .nav-title a').all()) {
    const href = await link.getAttribute('href');
    const visible = await link.isVisible();
    if (!visible) {  // nothing a reader could click
      found.push({ href, visible, landed: false });
      continue;
    }
    await link.click();
    const target = page.locator(`[id="${href.slice(1)}"]`);
    const landed = await target.evaluate((node) => {
      const top = node.getBoundingClientRect().top;
      return top > -2 && top < window.innerHeight / 2;
    });
    found.push({ href, visible, landed });
  }
  return found;
}

async function inspect(page) {
  const report = {
    title: await page.title(),
    sections: [],
    navigation: [],
    groups: [],
    responses: [],
  };
  for (const section of await page.locator('main article, main section').all()) {
    report.sections.push({
      id: await section.getAttribute('id'),
      heading: (await section.locator('h1, h2').first().innerText()).trim(),
      visible: await section.isVisible(),
    });
  }
  report.navigation = await navigationOf(page);
  const groups = await page.locator('[data-code-group]').all();
  for (const group of groups) {
    const section = await group.evaluate((node) => node.closest('section').id);
    const tabs = [];
    for (const tab of await group.getByRole('tab').all()) {
      await tab.click();
      const panel = page.locator(`[id="${await tab.getAttribute('aria-controls')}"]`);
      const others = await page.evaluate(selectedEverywhere);  // every panel follows it
      tabs.push({
        label: (await tab.innerText()).trim(),
        selected: await tab.getAttribute('aria-selected'),
        panel: await panel.getAttribute('id'),
        visible: await panel.isVisible(),
        text: await panel.locator('pre code').innerText(),
        panels: await panelsOf(group),
        everyGroupShows: others,
      });
    }
    report.groups.push({ section, tabs });
  }
  for (const response of await page.locator('.response').all()) {
    report.responses.push({
      section: await response.evaluate((node) => node.closest('section').id),
      visible: await response.isVisible(),
      text: await response.locator('pre code').innerText(),
    });
  }
  return report;
}

const userDataDir = await mkdtemp(join(tmpdir(), 'docs-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1440, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pageUrl, { waitUntil: 'load' });
  const report = await inspect(page);
  await page.getByRole('tab', { name: 'cURL' }).first().click();  // the first tab, as on arrival
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  // A phone's width: the navigation must still be there and work.
  await page.setViewportSize({ width: 390, height: 844 });
  report.narrowNavigation = await navigationOf(page);
  console.log(JSON.stringify({ ...report, errors, requests }, null, 2));
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
