/**
 * Every scenario of `kubelab learn`, rehearsed on a real lab at time scale 20: it starts,
 * its check fails, a plausible wrong fix never passes, `reset` removes its namespace,
 * and after a fresh start the reference solution makes the check pass, with the
 * explanation and the scenario's own events. The scenarios come from their folder, so a
 * new one is rehearsed without a change here. Scenarios that keep to their namespace are
 * rehearsed side by side, as two learners on one lab would; those that act on the lab
 * itself (a chaos drill, the descheduler) one at a time, after them.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@kubelab/learn';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { trustLabCa } from '../src/lab-trust.js';
import { allScenarios, carryOut, runLearnCommand, type LearnLab } from '../src/learn/learn-cli.js';

const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const scenarios = allScenarios(scenariosDir);
const timeScale = 20;

/** A scenario whose steps run kubelab itself (kill a node's agent, deschedule) changes the lab under every other scenario. */
const actsOnTheLab = (s: Scenario) => [...s.setup, ...s.solution, ...s.rehearsal.wrongFix, ...s.rehearsal.after].some((step) => 'kubelab' in step);

interface Checked {
  passed: boolean;
  checks: { id: string; ok: boolean; message: string }[];
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

describe(`kubelab learn on a lab at time scale ${timeScale}`, () => {
  let lab: TestLab;
  let learnLab: LearnLab;
  /** The bin on this lab, as a learner runs it; not spawnSync, so that scenarios side by side keep going while one waits. */
  const kubelabBin = (args: string[], env: NodeJS.ProcessEnv = {}) => new Promise<Run>((resolve) => {
    execFile(process.execPath, [bin, ...args, '--data-dir', lab.dataDir], { timeout: 120_000, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
  const learn = (args: string[], env: NodeJS.ProcessEnv = {}) => kubelabBin(['learn', ...args], env);
  /** `kubelab learn status NAME -o json`, polled in this process: a CLI process per poll would keep a core busy. */
  const status = async (name: string): Promise<Checked> => {
    const lines: string[] = [];
    await runLearnCommand(learnLab, 'status', name, 'en', (line) => lines.push(line), true);
    return JSON.parse(lines.join('\n')) as Checked;
  };

  beforeAll(async () => {
    // A lab of its own: scenarios break it (node-loss kills node-2's agent) and work in lab-wide learn-NAME namespaces.
    lab = await startLab({ nodes: 2, timeScale });
    trustLabCa(join(lab.dataDir, 'pki/ca.crt'));
    const kubelab = async (args: string[]) => {
      const run = await kubelabBin(args);
      if (run.status !== 0) throw new Error(`kubelab ${args.join(' ')}: ${run.stderr}`);
    };
    learnLab = { apiUrl: lab.apiUrl, kubeconfig: lab.kubectl.kubeconfig, kubelab, timeScale, dataDir: lab.dataDir, scenariosDir };
  });
  afterAll(() => lab?.stop());

  /** Starts the scenario and waits until what its rehearsal needs before a fix holds (the learner watched it break). */
  async function started(s: Scenario, expect: ExpectStatic): Promise<void> {
    const start = await learn(['start', s.name]);
    expect(start.status, start.stderr).toBe(0);
    expect(start.stdout).toContain(s.goal.en.split('\n')[0]);
    await waitFor(async () => {
      const { checks } = await status(s.name);
      return s.rehearsal.before.every((id) => checks.find((c) => c.id === id)?.ok);
    }, `${s.name}: ${s.rehearsal.before.join(', ')} before a fix`, 60_000, 250);
  }

  async function rehearse(s: Scenario, expect: ExpectStatic): Promise<void> {
    await started(s, expect);
    const first = await learn(['check', s.name]);
    expect(first.status, first.stdout).toBe(1);
    expect(first.stdout).toContain('Not yet:');

    await carryOut(learnLab, s.rehearsal.wrongFix, s);
    // Longer than any stableFor window: a wrong fix must not pass by looking right for a moment.
    const until = Date.now() + (90 / timeScale) * 1000;
    while (Date.now() < until) {
      expect((await status(s.name)).passed, `${s.name} passed after its wrong fix`).toBe(false);
      await new Promise((r) => setTimeout(r, 250));
    }
    await carryOut(learnLab, s.rehearsal.after, s);

    expect((await learn(['reset', s.name])).status).toBe(0);
    expect((await lab.kubectl(['get', 'namespace', s.namespace])).stderr).toContain('NotFound');

    await started(s, expect);
    const solved = await learn(['solve', s.name]);
    expect(solved.status, solved.stderr).toBe(0);
    await waitFor(async () => (await status(s.name)).passed, `${s.name} to pass after its solution`, 60_000, 250);
    const passed = await learn(['check', s.name]);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain('Every check passes. What happened:');
    expect(passed.stdout).toContain(s.explanation.en.split('\n')[0]);
    expect(passed.stdout).toMatch(/\+\d+s {2}(Normal|Warning)/);
    expect((await learn(['check', s.name, '--lang', 'ko'])).stdout).toContain('모든 검사를 통과했습니다');
    expect((await learn(['list'])).stdout).toContain(`${s.name.padEnd(22)} done`);
    expect((await learn(['reset', s.name])).status).toBe(0);
  }

  it('lists every scenario, in English by default and in Korean with --lang ko or KUBELAB_LANG', async () => {
    const list = await learn(['list']);
    expect(list.status).toBe(0);
    for (const s of scenarios) expect(list.stdout).toContain(`${s.name.padEnd(22)} -`);
    expect((await learn(['list', '--lang', 'ko'])).stdout).toContain(scenarios[0].title.ko);
    expect((await learn(['list'], { KUBELAB_LANG: 'ko' })).stdout).toContain(scenarios[0].title.ko);
    const unknown = await learn(['start', 'no-such-scenario']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`kubelab: no scenario "no-such-scenario"; there are: `);
    expect((await learn(['list', '--lang', 'fr'])).stderr).toBe('kubelab: --lang must be one of en, ko, got "fr"\n');
  });

  describe('side by side', { concurrent: true }, () => {
    for (const s of scenarios.filter((x) => !actsOnTheLab(x))) {
      it(`${s.name}: fails at the start and after a wrong fix, passes after the solution, and reset removes its namespace`, ({ expect }) => rehearse(s, expect), 360_000);
    }
  });

  describe('one at a time', () => {
    for (const s of scenarios.filter(actsOnTheLab)) {
      it(`${s.name}: fails at the start and after a wrong fix, passes after the solution, and reset removes its namespace`, ({ expect }) => rehearse(s, expect), 360_000);
    }
  });

  it('keeps every scenario\'s progress when learn commands run at once', async () => {
    const list = (await learn(['list'])).stdout;
    for (const s of scenarios) expect(list).toContain(`${s.name.padEnd(22)} done`);
  });
});
