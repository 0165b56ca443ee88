/**
 * The dashboard in a real headless Chromium (Debian's, driven by playwright-core)
 * against a real three-node lab: the nodes as columns, a Deployment applied with
 * kubectl as cards, the kill-agent button turning node-2 NotReady and its pods
 * replaced elsewhere after the (scaled) toleration, and the time slider showing the
 * cluster as it was before the kill, then live again. Screenshots of each step go to
 * a kubelab-dashboard-* directory under the system's temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const replicas = 6;
const deployment = JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } },
  },
});

/** The cards in a node's column: pod name → STATUS, as the page shows them. */
async function cardsIn(page: Page, column: string): Promise<Map<string, string>> {
  const cards = page.locator(`[data-testid="node-${column}"] .card`);
  const found = await cards.evaluateAll((els) => els.map((e) => [e.querySelector('.card-name')?.textContent ?? '', e.getAttribute('data-status') ?? '']));
  return new Map(found as [string, string][]);
}

const nodeStatus = (page: Page, node: string) => page.getByTestId(`node-status-${node}`).textContent();

describe('the dashboard', () => {
  let lab: TestLab;
  let browser: Browser;
  let page: Page;
  const shots = mkdtempSync(join(tmpdir(), 'kubelab-dashboard-'));
  const screenshot = async (name: string) => {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    process.stdout.write(`screenshot: ${path}\n`);
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale: 20 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('shows the nodes and pods live, drills a node kill, and replays the log to before it', async () => {
    const url = lab.state().dashboardUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await page.goto(url!);
    for (const node of ['node-1', 'node-2', 'node-3']) {
      await waitFor(async () => (await nodeStatus(page, node)) === 'Ready', `${node} Ready on the page`, 20_000);
    }
    await screenshot('1-nodes');

    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: deployment });
    expect(applied.stderr).toBe('');
    const placed = await waitFor(async () => {
      const columns = await Promise.all(['node-1', 'node-2', 'node-3'].map((n) => cardsIn(page, n)));
      const running = columns.flatMap((c) => [...c.values()]).filter((s) => s === 'Running').length;
      return running === replicas && columns[1].size > 0 ? columns : undefined;
    }, `${replicas} Running cards, some on node-2`, 60_000);
    const onNode2 = [...placed[1].keys()];
    const pods = (await (await fetch(`${lab.apiUrl}/api/v1/pods`)).json()) as { metadata: { resourceVersion: string } };
    const beforeKill = Number(pods.metadata.resourceVersion);
    expect(beforeKill).toBeGreaterThan(0);
    await screenshot('2-deployment');

    await page.getByTestId('chaos-kill-agent-node-2').click();
    await waitFor(async () => (await page.getByTestId('chaos-message').textContent()) || undefined, 'the control API to answer', 10_000);
    await waitFor(async () => (await nodeStatus(page, 'node-2'))?.startsWith('NotReady'), 'node-2 NotReady on the page', 30_000);
    await screenshot('3-node-2-not-ready');

    await waitFor(async () => {
      const elsewhere = [...(await cardsIn(page, 'node-1')).values(), ...(await cardsIn(page, 'node-3')).values()];
      return elsewhere.filter((s) => s === 'Running').length === replicas;
    }, `${replicas} Running cards on node-1 and node-3 after the toleration`, 60_000);
    await screenshot('4-rescheduled');

    await page.getByTestId('time-slider').evaluate((slider: { value: string; dispatchEvent(e: Event): boolean }, seq) => {
      slider.value = String(seq);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }, beforeKill);
    await waitFor(async () => (await page.getByTestId('time-banner').textContent())?.startsWith(`viewing seq ${beforeKill}`), 'the past banner', 10_000)
      .catch(async (e: Error) => {
        throw new Error(`${e.message}; the banner says "${await page.getByTestId('time-banner').textContent()}"`);
      });
    await waitFor(async () => (await nodeStatus(page, 'node-2')) === 'Ready', 'node-2 Ready in the past', 10_000);
    expect([...(await cardsIn(page, 'node-2')).keys()].sort()).toEqual(onNode2.sort());
    await screenshot('5-replayed-before-kill');

    await page.getByTestId('back-to-live').click();
    await waitFor(async () => (await nodeStatus(page, 'node-2'))?.startsWith('NotReady'), 'node-2 NotReady live again', 10_000);
    expect(await page.getByTestId('back-to-live').count()).toBe(0);
    await screenshot('6-live-again');

    const [survivor] = [...(await cardsIn(page, 'node-1')).keys()];
    await page.getByTestId(`pod-${survivor}`).click();
    await waitFor(async () => (await page.getByTestId('why-row').count()) > 0, `the why chain of ${survivor}`, 10_000);
    expect(await page.getByTestId('pod-detail').textContent()).toContain('PodBound');
    await screenshot('7-pod-detail');
  });
});
