import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

/** Runs the kubelab CLI to its end, keeping what it printed (a soak prints for minutes). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CI-sized chaos soak (3 nodes, time scale 20, every drill, workload and checks)', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale: 20, components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'], upArgs: ['--record-watch-deliveries'] });
  }, 120_000);
  afterAll(() => lab?.stop());

  it('ends with every invariant passing and no acknowledged write lost', async () => {
    const soak = await run(['chaos', 'random', '--duration', '40m', '--seed', '2', '--actions', 'all', '--workload', '--check', '--data-dir', lab.dataDir]);
    const report = `${soak.stdout}${soak.stderr}`;
    expect(soak.code, report).toBe(0);
    for (const id of ['single-binding', 'statefulset-identity', 'exactly-once', 'resource-versions', 'deployments-converge', 'job-completions', 'replay-equals-live', 'watch-order']) {
      expect(report).toMatch(new RegExp(`^PASS  ${id}  `, 'm'));
    }
    expect(report).not.toMatch(/^(FAIL|SKIP) /m);
    for (const drill of ['kill api-server', 'kill scheduler', 'kill controller-manager', 'kill nats']) expect(report).toContain(drill);
    expect(report).toContain('settle: every workload is whole');
    const figures = /^soak: (\d+) drills run \(\d+ refused\), invariants checked (\d+) times over (\d+) events, writes acknowledged (\d+) of \d+ tried, lost: (\d+)$/m.exec(report);
    expect(figures, report).not.toBeNull();
    const [drills, checks, events, acknowledged, lost] = figures!.slice(1).map(Number);
    expect(drills).toBeGreaterThan(5);
    expect(checks).toBeGreaterThan(5);
    expect(events).toBeGreaterThan(500);
    expect(acknowledged).toBeGreaterThan(100);
    expect(lost).toBe(0);
  }, 600_000);
});
