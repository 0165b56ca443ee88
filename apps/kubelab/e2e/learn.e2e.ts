/**
 * Every scenario of `kubelab learn`, rehearsed on a real lab at time scale 20: it starts,
 * its check fails, a plausible wrong fix never passes, `reset` removes its namespace,
 * and after a fresh start the reference solution makes the check pass, with the
 * explanation and the scenario's own events. The scenarios come from their folder, so a
 * new one is rehearsed without a change here.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@kubelab/learn';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustLabCa } from '../src/lab-trust.js';
import { allScenarios, carryOut } from '../src/learn/learn-cli.js';

const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
const scenarios = allScenarios(scenariosDir);
const timeScale = 20;

interface Checked {
  passed: boolean;
  checks: { id: string; ok: boolean; message: string }[];
}

describe(`kubelab learn on a lab at time scale ${timeScale}`, () => {
  let lab: TestLab;
  const learn = (args: string[]) => lab.kubelab(['learn', ...args]);
  const status = (name: string): Checked => JSON.parse(learn(['status', name, '-o', 'json']).stdout) as Checked;

  beforeAll(async () => {
    // A lab of its own: scenarios break it (node-loss kills node-2's agent) and work in lab-wide learn-NAME namespaces.
    lab = await startLab({ nodes: 2, timeScale });
    trustLabCa(join(lab.dataDir, 'pki/ca.crt'));
  });
  afterAll(() => lab?.stop());

  /** Starts the scenario and waits until what its rehearsal needs before a fix holds (the learner watched it break). */
  async function started(s: Scenario): Promise<void> {
    const start = learn(['start', s.name]);
    expect(start.status, start.stderr).toBe(0);
    expect(start.stdout).toContain(s.goal.en.split('\n')[0]);
    await waitFor(() => s.rehearsal.before.every((id) => status(s.name).checks.find((c) => c.id === id)?.ok), `${s.name}: ${s.rehearsal.before.join(', ')} before a fix`, 60_000, 250);
  }

  it('lists every scenario, in English by default and in Korean with --lang ko or KUBELAB_LANG', () => {
    const list = learn(['list']);
    expect(list.status).toBe(0);
    for (const s of scenarios) expect(list.stdout).toContain(`${s.name.padEnd(22)} -`);
    expect(learn(['list', '--lang', 'ko']).stdout).toContain(scenarios[0].title.ko);
    const unknown = learn(['start', 'no-such-scenario']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`kubelab: no scenario "no-such-scenario"; there are: `);
    expect(learn(['list', '--lang', 'fr']).stderr).toBe('kubelab: --lang must be one of en, ko, got "fr"\n');
  });

  for (const s of scenarios) {
    it(`${s.name}: fails at the start and after a wrong fix, passes after the solution, and reset removes its namespace`, async () => {
      await started(s);
      const first = learn(['check', s.name]);
      expect(first.status, first.stdout).toBe(1);
      expect(first.stdout).toContain('Not yet:');

      const kubelab = async (args: string[]) => {
        const run = lab.kubelab(args);
        if (run.status !== 0) throw new Error(`kubelab ${args.join(' ')}: ${run.stderr}`);
      };
      const learnLab = { apiUrl: lab.apiUrl, kubeconfig: lab.kubectl.kubeconfig, kubelab, timeScale, dataDir: lab.dataDir, scenariosDir };
      await carryOut(learnLab, s.rehearsal.wrongFix, s);
      // Longer than any stableFor window: a wrong fix must not pass by looking right for a moment.
      const until = Date.now() + (90 / timeScale) * 1000;
      while (Date.now() < until) expect(status(s.name).passed, `${s.name} passed after its wrong fix`).toBe(false);
      await carryOut(learnLab, s.rehearsal.after, s);

      expect(learn(['reset', s.name]).status).toBe(0);
      expect((await lab.kubectl(['get', 'namespace', s.namespace])).stderr).toContain('NotFound');

      await started(s);
      const solved = learn(['solve', s.name]);
      expect(solved.status, solved.stderr).toBe(0);
      await waitFor(() => status(s.name).passed, `${s.name} to pass after its solution`, 60_000, 250);
      const passed = learn(['check', s.name]);
      expect(passed.status).toBe(0);
      expect(passed.stdout).toContain('Every check passes. What happened:');
      expect(passed.stdout).toContain(s.explanation.en.split('\n')[0]);
      expect(passed.stdout).toMatch(/\+\d+s {2}(Normal|Warning)/);
      expect(learn(['check', s.name, '--lang', 'ko']).stdout).toContain('모든 검사를 통과했습니다');
      expect(learn(['list']).stdout).toContain(`${s.name.padEnd(22)} done`);
      expect(learn(['reset', s.name]).status).toBe(0);
    }, 240_000);
  }
});
