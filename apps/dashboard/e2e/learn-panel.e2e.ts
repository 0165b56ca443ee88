/**
 * The dashboard's scenario panel in a real headless Chromium (Debian's, driven by
 * playwright-core) against the run's shared lab: `kubelab learn start first-pod`, then
 * the panel shows the scenario's goal with every check not yet holding; the pod the
 * scenario asks for, applied with kubectl, turns each check to ✓ on the page as it
 * runs, without a reload; the hint button reveals the first hint, and the language
 * switch reads the panel in Korean; a practice exam takes the panel's place with its
 * clock and tasks (no check) until it is finished. Screenshots go to a kubelab-learn-panel-*
 * directory under the system's temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenario } from '@kubelab/learn';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scenario = readScenario(fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url)), 'first-pod');
const web = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { tier: 'frontend' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
});

/** Each check item of the panel: its id → data-ok. */
async function checkItems(page: Page): Promise<Map<string, string>> {
  const found = await page.locator('[data-testid^="learn-check-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid') ?? '', e.getAttribute('data-ok') ?? '']));
  return new Map((found as [string, string][]).map(([id, ok]) => [id.slice('learn-check-'.length), ok]));
}

describe('the dashboard\'s scenario panel', () => {
  let lab: TestLab;
  let browser: Browser;
  let page: Page;
  /** The scenario the practice exam made its task. */
  let examTask: string | undefined;
  const shots = mkdtempSync(join(tmpdir(), 'kubelab-learn-panel-'));
  const screenshot = async (name: string) => {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    process.stdout.write(`screenshot: ${path}\n`);
  };

  beforeAll(async () => {
    lab = await sharedLab('learn-panel');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    // The scenario's namespace is not the suite's: the shared lab outlives the suite.
    lab?.kubelab(['learn', 'reset', scenario.name]);
    if (examTask) lab?.kubelab(['learn', 'reset', examTask]);
    lab?.stop();
  });

  it('shows the scenario in progress and its checks turning ✓ live as the learner fixes the cluster', async () => {
    await page.goto(lab.dashboardLogin());
    const panel = page.getByTestId('learn-panel');
    expect(await panel.isHidden()).toBe(true);

    const start = lab.kubelab(['learn', 'start', 'first-pod']);
    expect(start.stderr).toBe('');
    expect(start.status).toBe(0);
    await waitFor(() => panel.isVisible(), 'the panel once the scenario started', 60_000);
    expect(await page.getByTestId('learn-title').textContent()).toBe(scenario.title.en);
    // The goal's line breaks are the YAML file's; the page flows them as one paragraph.
    expect((await page.getByTestId('learn-goal').innerText()).replace(/\s+/g, ' ')).toBe(scenario.goal.en.replace(/\s+/g, ' '));
    const ids = scenario.checks.map((c) => c.id);
    await waitFor(async () => [...(await checkItems(page)).keys()].join() === ids.join(), 'every check listed', 60_000);
    expect([...(await checkItems(page)).values()]).toEqual(ids.map(() => 'false'));
    expect(await page.getByTestId(`learn-check-${ids[0]}`).textContent()).toContain(scenario.checks[0].failing.en);
    await screenshot('1-started');

    const applied = await lab.kubectl(['apply', '-n', scenario.namespace, '-f', '-'], { stdin: web });
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('pod/web created\n');
    await waitFor(async () => [...(await checkItems(page)).values()].every((ok) => ok === 'true'), 'every check ✓ on the page', 60_000)
      .catch(async (e: Error) => {
        throw new Error(`${e.message}; the checks show ${JSON.stringify([...(await checkItems(page))])}`);
      });
    for (const [i, c] of scenario.checks.entries()) expect(await page.getByTestId(`learn-check-${ids[i]}`).textContent()).toContain(c.text.en);
    expect(await page.getByTestId('learn-passed').isVisible()).toBe(true);
    await screenshot('2-passed');

    await page.getByTestId('learn-hint-button').click();
    await waitFor(async () => (await page.getByTestId('learn-hint').allTextContents()).join('|') === scenario.hints[0].en, 'the first hint', 60_000);
    expect(await page.getByTestId('learn-hint-button').textContent()).toBe(`hint 2/${scenario.hints.length}`);

    await page.getByTestId('learn-lang-ko').click();
    await waitFor(async () => (await page.getByTestId('learn-title').textContent()) === scenario.title.ko, 'the title in Korean', 60_000);
    await waitFor(async () => (await page.getByTestId('learn-hint').allTextContents()).join('|') === scenario.hints[0].ko, 'the first hint in Korean', 60_000);
    await screenshot('3-korean');
  }, 240_000);

  it('shows a practice exam\'s clock and tasks instead of a scenario\'s checks, until the exam is finished', async () => {
    const started = lab.kubelab(['exam', 'start', '--set', 'ckad', '--tasks', '1', '--seed', '1', '--minutes', '30']);
    expect(started.status, started.stderr).toBe(0);
    examTask = /\(namespace learn-([\w-]+)\)/.exec(started.stdout)![1];
    // The panel reads in Korean since the test before switched it.
    await waitFor(async () => (await page.getByTestId('learn-title').textContent()) === 'CKAD 모의 시험', 'the exam on the panel', 60_000);
    const first = await page.getByTestId('exam-left').textContent();
    expect(first).toMatch(/^(30m 00s|29m \d\ds) 남음$/);
    await waitFor(async () => (await page.getByTestId('exam-left').textContent()) !== first, 'the exam\'s clock to move', 10_000);
    expect(await page.getByTestId('exam-task').allTextContents()).toEqual([expect.stringContaining(`learn-${examTask}`)]);
    expect(await page.locator('[data-testid^="learn-check-"]').count()).toBe(0);
    await screenshot('4-exam');

    expect(lab.kubelab(['exam', 'finish']).status).toBe(0);
    await waitFor(async () => (await page.locator('[data-testid^="learn-check-"]').count()) > 0, 'the scenario\'s checks again once the exam is finished', 60_000);
  }, 120_000);
});
