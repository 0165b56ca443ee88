/**
 * The dashboard in a real headless Chromium (Debian's, driven by playwright-core)
 * against a real three-node lab: the nodes as columns, a Deployment applied with
 * kubectl as cards, the kill-agent button (enabled only while the agent runs)
 * turning node-2 NotReady and its pods replaced elsewhere after the (scaled)
 * toleration, the drill marked in the event log, the time slider showing the
 * cluster as it was before the kill, then live again, and a replacement pod's
 * lifecycle (its Events as "Reason: message") and why chain (back to the drill);
 * then a pod in another namespace whose liveness probe a drill fails and a pod
 * whose image does not exist, their lifecycles read like `kubectl describe pod`;
 * and a terminal into a two-container pod (sh over the pod's exec, its size sent on
 * resize, the container picker, the exit code at the end).
 * Screenshots of each step go to a kubelab-dashboard-* directory under the
 * system's temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const replicas = 6;
const probed = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probed', namespace: 'drills' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2, failureThreshold: 2 } }] },
});
const duo = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'duo' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }, { name: 'tools', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
});
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
    // The login link `kubelab up` printed signs the page in and lands on the clean URL.
    await page.goto(lab.dashboardLogin());
    expect(page.url()).toBe(`${url}/`);
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
    const pods = (await (await lab.fetch(`${lab.apiUrl}/api/v1/pods`)).json()) as { metadata: { resourceVersion: string } };
    const beforeKill = Number(pods.metadata.resourceVersion);
    expect(beforeKill).toBeGreaterThan(0);
    const nodeBar = page.getByTestId('usage-node-1-cpu');
    await waitFor(async () => (await nodeBar.count()) > 0 || undefined, 'node-1\'s CPU bar from metrics.k8s.io', 20_000);
    expect(await nodeBar.getAttribute('title')).toMatch(/^cpu \d+m · requests \d+m · allocatable \d+m$/);
    const card = [...placed[0].keys(), ...placed[2].keys(), ...onNode2][0];
    const podBar = page.getByTestId(`usage-${card}-memory`);
    await waitFor(async () => (await podBar.count()) > 0 || undefined, `${card}'s memory bar`, 30_000);
    expect(await podBar.getAttribute('title')).toMatch(/^memory \d+Mi/);
    await screenshot('2-deployment');

    const button = (action: string) => page.getByTestId(`chaos-${action}-agent-node-2`);
    await waitFor(async () => (await button('kill').isEnabled()) && (await button('start').isDisabled()), 'kill enabled and start disabled while the agent runs', 10_000);
    expect(await button('start').getAttribute('title')).toBe('the agent is running: kill or pause it');
    await button('kill').click();
    await waitFor(async () => (await page.getByTestId('chaos-message').textContent()) || undefined, 'the control API to answer', 10_000);
    await waitFor(async () => (await nodeStatus(page, 'node-2'))?.startsWith('NotReady'), 'node-2 NotReady on the page', 30_000);
    await waitFor(async () => (await button('start').isEnabled()) && (await button('kill').isDisabled()), 'only start enabled once the agent is gone', 10_000);
    expect(await page.locator('[data-testid="timeline-row"].chaos-entry').first().textContent()).toContain('kill -KILL');
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

    const before = new Set(placed.flatMap((c) => [...c.keys()]));
    const [replacement] = [...(await cardsIn(page, 'node-1')).keys(), ...(await cardsIn(page, 'node-3')).keys()].filter((name) => !before.has(name));
    await page.getByTestId(`pod-${replacement}`).click();
    // The page walks the chain's causes one request at a time: on a loaded machine that takes a while.
    // A live update can redraw the board under the click, and a mouse click then waits for a still card:
    // press the card again, straight on the element, while the panel still waits for one.
    await waitFor(async () => {
      if ((await page.getByTestId('pod-detail').textContent().catch(() => ''))?.startsWith('Click a pod')) {
        await page.getByTestId(`pod-${replacement}`).dispatchEvent('pointerdown', {}, { timeout: 2000 }).catch(() => undefined);
      }
      return (await page.getByTestId('why-row').count()) > 0;
    }, `the why chain of ${replacement}`, 30_000).catch(async (e: Error) => {
      throw new Error(`${e.message}; the detail panel says "${await page.getByTestId('pod-detail').textContent().catch(() => '')}"`);
    });
    const lifecycle = await page.getByTestId('lifecycle-row').allTextContents();
    expect(lifecycle.some((row) => row.includes('PodBound'))).toBe(true);
    expect(lifecycle.some((row) => row.includes(`Scheduled: Successfully assigned default/${replacement}`))).toBe(true);
    const why = await page.getByTestId('why-row').allTextContents();
    expect(why.some((row) => row.includes(`Pod default/${replacement}`) && row.includes('bound to'))).toBe(true);
    expect(why.some((row) => row.includes('⚡ chaos') && row.includes('kill -KILL'))).toBe(true);
    await screenshot('7-pod-detail');
  });

  it('shows each node\'s kubelet and containerd as systemctl says them: a kubelet stopped over kubelab ssh at once, before its node goes NotReady', async () => {
    const kubelet = page.getByTestId('service-node-3-kubelet');
    const active = () => kubelet.getAttribute('data-active').catch(() => null);
    await waitFor(async () => (await active()) === 'active', 'node-3\'s kubelet active on the page', 10_000);
    expect(await page.getByTestId('service-node-3-containerd').textContent()).toBe('containerd active');
    expect(lab.kubelab(['ssh', 'node-3', '--', 'systemctl stop kubelet']).status).toBe(0);
    await waitFor(async () => (await active()) === 'inactive', 'node-3\'s kubelet inactive on the page', 10_000);
    expect(await kubelet.textContent()).toBe('kubelet inactive');
    expect(await kubelet.getAttribute('title')).toMatch(/^systemctl status kubelet\.service: inactive \(dead\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await screenshot('8-kubelet-stopped');
    expect(lab.kubelab(['ssh', 'node-3', '--', 'systemctl start kubelet']).status).toBe(0);
    await waitFor(async () => (await active()) === 'active', 'node-3\'s kubelet active again', 10_000);
    await waitFor(async () => (await nodeStatus(page, 'node-3')) === 'Ready', 'node-3 Ready', 30_000);
  });

  it('tells a failing pod\'s lifecycle as kubectl describe does: probe failures and image pull errors', async () => {
    expect((await lab.kubectl(['create', 'namespace', 'drills'])).stderr).toBe('');
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: probed })).stderr).toBe('');
    expect((await lab.kubectl(['run', 'missing', '--image=nginx:9.9'])).stderr).toBe('');
    await waitFor(async () => (await page.getByTestId('pod-status-probed').textContent()) === 'Running', 'drills/probed Running on the page', 30_000);
    expect(await page.getByTestId('pod-probed').locator('.card-ns').textContent()).toBe('drills');
    await waitFor(async () => ['ErrImagePull', 'ImagePullBackOff'].includes((await page.getByTestId('pod-status-missing').textContent()) ?? ''), 'missing failing to pull', 30_000);

    // A redraw keeps what it draws as before: the button found before an update is the one on the page after it.
    const button = await page.getByTestId('chaos-unhealthy-probed').elementHandle();
    const drawnAt = await page.locator('#time-banner').textContent();
    expect((await lab.kubectl(['annotate', 'pod', 'missing', 'drill=redraw'])).stderr).toBe('');
    await waitFor(async () => (await page.locator('#time-banner').textContent()) !== drawnAt, 'the page to draw a newer seq', 30_000);
    expect(await button!.evaluate((b) => b.isConnected)).toBe(true);
    await page.getByTestId('chaos-unhealthy-probed').click();
    await waitFor(async () => (await page.getByTestId('chaos-message').textContent())?.includes('probe of container nginx fail'), 'the drill to be accepted', 30_000);
    await waitFor(async () => (await lab.kubectl(['get', 'events', '-n', 'drills'])).stdout.includes('Liveness probe failed'), 'a failed liveness probe', 30_000);
    await page.getByTestId('pod-probed').click();
    await waitFor(async () => (await page.getByTestId('pod-detail').locator('h2').textContent()) === 'pod drills/probed' && (await page.getByTestId('why-row').count()) > 0, 'the story of drills/probed', 10_000);
    expect((await page.getByTestId('lifecycle-row').allTextContents()).some((row) => row.includes('Unhealthy: Liveness probe failed'))).toBe(true);
    await screenshot('8-probe-failed');

    await page.getByTestId('pod-missing').click();
    await waitFor(async () => (await page.getByTestId('pod-detail').locator('h2').textContent()) === 'pod default/missing' && (await page.getByTestId('why-row').count()) > 0, 'the story of missing', 10_000);
    const lifecycle = await page.getByTestId('lifecycle-row').allTextContents();
    expect(lifecycle.some((row) => row.includes('Pulling: Pulling image "nginx:9.9"'))).toBe(true);
    expect(lifecycle.some((row) => row.includes('Failed: Failed to pull image "nginx:9.9"'))).toBe(true);
    await screenshot('9-image-pull-failed');
  });

  it('opens a terminal into a running pod: sh over the exec path, its size on resize, the container picker, the exit code', async () => {
    await page.goto(lab.state().dashboardUrl!);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: duo })).stderr).toBe('');
    await waitFor(async () => (await page.getByTestId('terminal-duo').count()) > 0 && (await page.getByTestId('pod-status-duo').textContent()) === 'Running', 'duo Running with a terminal button', 60_000);
    const sizes: { Width: number; Height: number }[] = [];
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => {
      const frame = Buffer.from(payload as Buffer);
      if (frame[0] === 4) sizes.push(JSON.parse(frame.subarray(1).toString()));
    }));
    const screen = async () => (await page.getByTestId('terminal-screen').locator('.xterm-rows').textContent()) ?? '';
    const state = () => page.getByTestId('terminal-state').textContent();

    await page.getByTestId('terminal-duo').click();
    await waitFor(async () => (await state()) === 'connected', 'a shell in duo', 10_000)
      .catch(async (e: Error) => {
        throw new Error(`${e.message}; the terminal says "${await state()}" and shows "${await screen()}"`);
      });
    expect(await page.getByTestId('terminal-container').inputValue()).toBe('web');
    await page.getByTestId('terminal-screen').click();
    await page.keyboard.type('echo hello from $HOSTNAME\r');
    await waitFor(async () => (await screen()).includes('hello from duo'), 'the shell to answer', 10_000);
    await waitFor(() => sizes.length > 0, 'the terminal size on channel 4', 5000);
    const [first] = sizes;
    await page.setViewportSize({ width: 1100, height: 900 });
    await waitFor(() => sizes.some((s) => s.Width < first.Width), `a narrower size than ${first.Width} columns after the page shrinks`, 5000);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await screenshot('10-terminal');

    await page.getByTestId('terminal-container').selectOption('tools');
    await waitFor(async () => (await state()) === 'connected', 'a shell in duo\'s tools container', 10_000);
    await page.getByTestId('terminal-screen').click();
    await page.keyboard.type('ps\r');
    await waitFor(async () => (await screen()).includes('sleep 3600'), 'ps to show the container\'s own PID 1', 10_000);
    await page.keyboard.type('exit 3\r');
    await waitFor(async () => (await state()) === 'session ended: exit 3', 'the session to end with exit 3', 10_000);
    // xterm draws what it was given on its next frame, after the state line changed.
    await waitFor(async () => (await screen()).includes('[session ended: exit 3]'), 'the end line in the terminal', 10_000);
    await screenshot('11-terminal-ended');

    await page.getByTestId('close-terminal').click();
    expect(await page.getByTestId('terminal').count()).toBe(0);
  });

  it('shows what the host reaches: a node port with its URL and the pods its requests reached', async () => {
    expect((await lab.kubectl(['expose', 'deployment', 'web', '--name', 'web-np', '--type', 'NodePort', '--port', '80'])).stderr).toBe('');
    const nodePort = (await lab.kubectl(['get', 'service', 'web-np', '-o', 'jsonpath={.spec.ports[0].nodePort}'])).stdout;
    await waitFor(async () => (await fetch(`http://127.0.0.1:${nodePort}/`).then((r) => r.status, () => 0)) === 200, 'the node port to answer', 30_000, 250);
    for (let i = 0; i < 5; i++) expect((await fetch(`http://127.0.0.1:${nodePort}/`)).status).toBe(200);
    const row = page.locator('[data-testid="host-reach-row"][data-name="default/web-np"]');
    const pods = async () => ((await row.count()) === 1 ? (await row.getByTestId('host-reach-pods').textContent()) ?? '' : '');
    await waitFor(async () => (await pods()).split(', ').map((p) => Number(p.split(' ×')[1] ?? 0)).reduce((a, b) => a + b, 0) >= 6, 'the node port\'s row with the requests counted', 10_000);
    expect(await row.locator('td').allTextContents()).toEqual(['NodePort', 'default/web-np', '80', `http://127.0.0.1:${nodePort}`, expect.stringMatching(/^web-[a-z0-9]+-[a-z0-9]+ ×\d+/)]);
    await screenshot('12-host-reach');
  });
});
