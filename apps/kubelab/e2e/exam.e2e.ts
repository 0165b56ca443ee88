/**
 * A timed practice exam as a learner sits it: `kubelab exam start` sets its tasks up (drawn from the seed), the lab is
 * restarted mid-exam and keeps the exam's time and tasks, three are solved by hand (kubectl, and a static pod written on
 * node-1 over `kubelab ssh`) and the fourth left undone, `finish` scores exactly those (the three whole, the fourth not),
 * and `review` walks each with the path taken. A lab of its own: it restarts it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawTasks } from '@kubelab/learn';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../src/learn/learn-cli.js';

const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
const timeScale = 20;
const staticWeb = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\n  namespace: learn-static-pod\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n';

describe(`kubelab exam (CKA, four tasks) on a lab at time scale ${timeScale}`, () => {
  let lab: TestLab;
  const kubectl = async (...args: string[]) => {
    const r = await lab.kubectl(args);
    expect(r.code, r.stderr).toBe(0);
  };
  /** How a learner solves these tasks by hand, in the task's namespace: kubectl, or a shell on the node. */
  const byHand: Record<string, () => Promise<void>> = {
    'static-pod': async () => {
      const written = lab.kubelab(['ssh', 'node-1', '--', `printf '${staticWeb}' > /etc/kubernetes/manifests/static-web.yaml`]);
      expect(written.status, written.stderr).toBe(0);
      await waitFor(async () => (await lab.kubectl(['get', 'pod', 'static-web-node-1', '-n', 'learn-static-pod'])).code === 0, 'the mirror pod static-web-node-1', 60_000, 250);
      await kubectl('delete', 'pod', 'static-web-node-1', '-n', 'learn-static-pod', '--wait=false');
    },
    pdb: () => kubectl('create', 'pdb', 'frontend-pdb', '--selector=app=frontend', '--min-available=2', '-n', 'learn-pdb'),
    'service-selector': () => kubectl('set', 'selector', 'service', 'shop', 'app=shop', '-n', 'learn-service-selector'),
    hpa: () => kubectl('autoscale', 'deployment', 'php', '--cpu-percent=50', '--min=1', '--max=5', '-n', 'learn-hpa'),
    'resource-quota': () => kubectl('set', 'resources', 'deployment', 'api', '--requests=cpu=100m,memory=128Mi', '--limits=cpu=200m,memory=256Mi', '-n', 'learn-resource-quota'),
  };
  const scenarios = allScenarios(scenariosDir);
  const keepsToItsNamespace = (name: string) => !scenarios.find((s) => s.name === name)!.setup.some((step) => 'kubelab' in step);
  // A draw whose first three tasks are solved by hand here, the node's shell among them, and whose fourth sets up no drill on the lab.
  const seed = [...Array(5000).keys()].find((s) => {
    const drawn = drawTasks(scenarios, 'cka', s, 4);
    return drawn.slice(0, 3).every((t) => t in byHand) && drawn.slice(0, 3).includes('static-pod') && !(drawn[3] in byHand) && keepsToItsNamespace(drawn[3]);
  })!;
  const tasks = drawTasks(scenarios, 'cka', seed, 4);
  const exam = (...args: string[]) => lab.kubelab(['exam', ...args]);
  const passed = async (name: string) => {
    const status = lab.kubelab(['learn', 'status', name, '-o', 'json']);
    return status.status === 0 && (JSON.parse(status.stdout) as { passed: boolean }).passed;
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale });
  });
  afterAll(() => lab?.stop());

  it('scores exactly the tasks solved, keeping its time and tasks across a restart of the lab', async () => {
    const started = exam('start', '--set', 'cka', '--tasks', '4', '--seed', String(seed), '--minutes', '90');
    expect(started.status, started.stderr).toBe(0);
    expect(started.stdout).toMatch(new RegExp(`^CKA practice exam: 4 tasks, 90 minutes \\(seed ${seed}\\); it ends at \\d\\d:\\d\\d UTC\\.\\n`));
    tasks.forEach((name, i) => expect(started.stdout).toContain(`\nTask ${i + 1} (namespace learn-${name}): `));
    const again = exam('start', '--set', 'cka');
    expect([again.status, again.stderr]).toEqual([2, expect.stringMatching(/^kubelab: an exam is under way \(4 tasks, 1h 29m \d\ds left\): kubelab exam finish scores it first\n$/)]);

    // The lab stopped and started again mid-exam (a node's reboot restarts its containers, so before the work is done).
    const dataDir = lab.dataDir;
    lab.stop();
    lab = await startLab({ nodes: 2, timeScale, dataDir });
    const status = exam('status');
    expect(status.stdout).toMatch(/^CKA practice exam \(seed \d+\): 1h 2\dm \d\ds left\n/);
    tasks.forEach((name, i) => expect(status.stdout).toContain(`  Task ${i + 1}  learn-${name}`));

    for (const name of tasks.slice(0, 3)) await byHand[name]();
    for (const name of tasks.slice(0, 3)) await waitFor(() => passed(name), `${name} solved`, 60_000, 250);

    const finished = exam('finish');
    expect(finished.status, finished.stderr).toBe(0);
    const lines = finished.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('Task '))).toEqual([
      expect.stringMatching(new RegExp(`^Task 1 ${tasks[0]}: (\\d+)/\\1 ✓$`)),
      expect.stringMatching(new RegExp(`^Task 2 ${tasks[1]}: (\\d+)/\\1 ✓$`)),
      expect.stringMatching(new RegExp(`^Task 3 ${tasks[2]}: (\\d+)/\\1 ✓$`)),
      expect.stringMatching(new RegExp(`^Task 4 ${tasks[3]}: \\d+/\\d+ ✗$`)),
    ]);
    expect(finished.stdout).toMatch(/\nScore: (7[5-9](\.\d)?|[89]\d(\.\d)?)% \(3 of 4 tasks whole\)\. kubelab exam review walks each task\.\n$/);
    expect(exam('finish').stderr).toMatch(/^kubelab: this exam was finished at /);

    const review = exam('review');
    expect(review.stdout).toContain(`Task 1 ${tasks[0]}: `);
    expect(review.stdout).toContain('  your path (kubelab events --namespace … shows it whole):');
    expect(exam('status').stdout).toMatch(/^CKA practice exam \(seed \d+\): finished, [\d.]+%\n/);
  }, 300_000);

  it('marks a task changed after the time was up as not whole, saying so, as that work would not count in the exam', async () => {
    const pdbSeed = [...Array(5000).keys()].find((s) => drawTasks(scenarios, 'cka', s, 1)[0] === 'pdb')!;
    expect(exam('start', '--set', 'cka', '--tasks', '1', '--seed', String(pdbSeed)).status).toBe(0);
    // The time ran out a minute ago: the exam's end moved back, as a clock that ran on would leave it.
    const file = join(lab.dataDir, 'exam.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), endsAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(exam('status').stdout).toMatch(/: the time is up: kubelab exam finish scores it\n/);
    await byHand.pdb();
    await waitFor(() => passed('pdb'), 'pdb solved', 60_000, 250);
    const finished = exam('finish');
    expect(finished.stdout).toContain('Finished 1 minute after the time was up: a task you changed since is not whole, as that work would not count in the exam.');
    expect(finished.stdout).toMatch(/\nTask 1 pdb: (\d+)\/(?!\1)\d+ ✗\n/);
    expect(finished.stdout).toMatch(/ {2}✗ changed 1 time after the time was up at \d\d:\d\d UTC: in the exam, that work would not count\n/);
  });
});
