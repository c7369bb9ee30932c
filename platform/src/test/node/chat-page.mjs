// Drives the chat example's page in headless Chromium: asks a question, watches the answer grow,
// reloads mid-answer and waits for the page to show the whole answer again through replay.
//
//   node chat-page.mjs <page URL> <question> <screenshot folder>
//
// Prints one JSON object per line: {"event":"observed",...} while the answer streams, then
// {"event":"reloaded",...} and {"event":"done",...}; exits 1 with {"event":"failed"} otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [pageUrl, question, screenshots] = process.argv.slice(2);
if (!pageUrl || !question || !screenshots) {
  console.error('usage: node chat-page.mjs <page URL> <question> <screenshot folder>');
  process.exit(2);
}
const OBSERVATIONS = 4;
const emit = (event) => console.log(JSON.stringify(event));

const profile = mkdtempSync(join(tmpdir(), 'overtime-chat-chromium-'));
mkdirSync(screenshots, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 960, height: 720 },
});
const page = context.pages()[0] || await context.newPage();
const consoleLines = [];
page.on('console', (m) => consoleLines.push(m.type() + ': ' + m.text()));
page.on('pageerror', (e) => consoleLines.push('pageerror: ' + e.message));

const answer = () => page.evaluate(() => {
  const el = document.querySelector('#answer');
  return { text: el.textContent, state: el.dataset.state, chunks: Number(el.dataset.chunks),
    status: document.querySelector('#status').textContent };
});

try {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.fill('#ask-input', question);
  await page.click('#ask-button');

  // Progressive: the text grows over several observations while the answer is still streaming.
  let last = 0;
  for (let i = 0; i < OBSERVATIONS; i++) {
    await page.waitForFunction((previous) => {
      const el = document.querySelector('#answer');
      return el.dataset.state === 'done' || el.textContent.length > previous;
    }, last, { timeout: 30000, polling: 'raf' });
    const seen = await answer();
    emit({ event: 'observed', length: seen.text.length, state: seen.state, chunks: seen.chunks });
    if (seen.state === 'done') break;
    last = seen.text.length;
  }
  await page.screenshot({ path: join(screenshots, 'chat-streaming.png') });

  // Mid-answer: reload, and the page resubscribes with replay from the conversation in the URL.
  const before = await answer();
  const hash = new URL(page.url()).hash;
  emit({ event: 'reloaded', length: before.text.length, state: before.state, hash });
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#answer[data-state="done"]', { timeout: 60000 });
  const done = await answer();
  await page.screenshot({ path: join(screenshots, 'chat-after-reload.png') });
  emit({ event: 'done', text: done.text, chunks: done.chunks, status: done.status,
    conversationId: new URLSearchParams(new URL(page.url()).hash.slice(1)).get('c') });
} catch (e) {
  try {
    await page.screenshot({ path: join(screenshots, 'chat-failure.png') });
  } catch (ignored) { /* the page may be gone */ }
  emit({ event: 'failed', message: String(e && e.stack || e), page: await answer().catch(() => null),
    console: consoleLines });
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
