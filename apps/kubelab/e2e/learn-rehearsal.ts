/**
 * The rehearsal of `kubelab learn` scenarios on a real lab at time scale 20, shared by
 * learn.e2e.ts (the scenarios that keep to their namespace, side by side, as two learners on
 * one lab would) and learn-lab-wide.e2e.ts (those that act on the lab itself, a chaos drill or
 * the descheduler, one at a time): each file has a lab of its own, so the two run at once. A
 * scenario starts, its check fails, a plausible wrong fix never passes, `reset` removes its
 * namespace, and after a fresh start the reference solution makes the check pass, with the
 * explanation and the scenario's own events. The scenarios come from their folder, so a new
 * one is rehearsed without a change here. The first scenario of a file runs every learn command
 * through the bin, as a learner types them; the others run the same commands in this process
 * (a CLI process per command for fifteen scenarios side by side kept a core busy).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@kubelab/learn';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { trustLabCa } from '../src/lab-trust.js';
import { allScenarios, carryOut, LearnError, runLearnCommand, withLabFlags, type LearnLab } from '../src/learn/learn-cli.js';

const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
export const scenarios = allScenarios(scenariosDir);
export const timeScale = 20;

/** A scenario whose steps run kubelab itself (kill a node's agent, deschedule) changes the lab under every other scenario. */
export const actsOnTheLab = (s: Scenario) => [...s.setup, ...s.solution, ...s.rehearsal.wrongFix, ...s.rehearsal.after].some((step) => 'kubelab' in step);

interface Checked {
  passed: boolean;
  checks: { id: string; ok: boolean; message: string }[];
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** The lab a rehearsal file shares between its tests, and `kubelab learn` on it. */
export interface LearnSuite {
  lab(): TestLab;
  /** `kubelab learn ARGS` through the bin, as a learner runs it. */
  learn(args: string[], env?: NodeJS.ProcessEnv): Promise<Run>;
  rehearse(s: Scenario, expect: ExpectStatic, through: 'bin' | 'in-process'): Promise<void>;
}

/**
 * Starts the file's lab (of its own: scenarios break it and work in lab-wide learn-NAME namespaces) before its tests, stops it
 * after; with `controlPlane`, shaped as kubeadm's, for scenarios that work on the controlplane node (etcd's restore).
 */
export function learnSuite(options: { controlPlane?: boolean } = {}): LearnSuite {
  let lab: TestLab;
  let learnLab: LearnLab;
  /** Not spawnSync, so that scenarios side by side keep going while one waits. */
  const kubelabBin = (args: string[], env: NodeJS.ProcessEnv = {}) => new Promise<Run>((resolve) => {
    execFile(process.execPath, [bin, ...withLabFlags(args, ['--data-dir', lab.dataDir])], { timeout: 120_000, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
  const learn = (args: string[], env: NodeJS.ProcessEnv = {}) => kubelabBin(['learn', ...args], env);
  /** The same command in this process: what the bin prints, a refusal as the bin says it. */
  const learnHere = async ([command, name, , lang]: string[]): Promise<Run> => {
    const lines: string[] = [];
    try {
      const status = await runLearnCommand(learnLab, command, name, lang === 'ko' ? 'ko' : 'en', (line) => lines.push(line));
      return { status, stdout: lines.map((l) => `${l}\n`).join(''), stderr: '' };
    } catch (e) {
      if (!(e instanceof LearnError)) throw e;
      return { status: 2, stdout: lines.join('\n'), stderr: `kubelab: ${e.message}\n` };
    }
  };
  /** `kubelab learn status NAME -o json`, polled in this process: a CLI process per poll would keep a core busy. */
  const status = async (name: string): Promise<Checked> => {
    const lines: string[] = [];
    await runLearnCommand(learnLab, 'status', name, 'en', (line) => lines.push(line), true);
    return JSON.parse(lines.join('\n')) as Checked;
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale, controlPlane: options.controlPlane });
    // The Gateway API's CRDs come a moment after the lab is up (the host proxy serves them), as a scenario may use them.
    await waitFor(async () => (await lab.kubectl(['get', 'gatewayclass', 'kubelab'])).code === 0, 'the Gateway API served', 30_000, 250);
    trustLabCa(join(lab.dataDir, 'pki/ca.crt'));
    const kubelab = async (args: string[]) => {
      const run = await kubelabBin(args);
      if (run.status !== 0) throw new Error(`kubelab ${args.join(' ')}: ${run.stderr}`);
    };
    learnLab = { apiUrl: lab.apiUrl, kubeconfig: lab.kubectl.kubeconfig, kubelab, timeScale, dataDir: lab.dataDir, scenariosDir };
  });
  afterAll(() => lab?.stop());

  async function rehearse(s: Scenario, expect: ExpectStatic, through: 'bin' | 'in-process'): Promise<void> {
    const run = (args: string[]) => (through === 'bin' ? learn(args) : learnHere(args));
    /** Starts the scenario and waits until what its rehearsal needs before a fix holds (the learner watched it break). */
    const started = async () => {
      const start = await run(['start', s.name]);
      expect(start.status, start.stderr).toBe(0);
      expect(start.stdout).toContain(s.goal.en.split('\n')[0]);
      let last: Checked['checks'] = [];
      await waitFor(async () => {
        last = (await status(s.name)).checks;
        return s.rehearsal.before.every((id) => last.find((c) => c.id === id)?.ok);
      }, `${s.name}: ${s.rehearsal.before.join(', ')} before a fix`, 60_000, 250).catch((e: Error) => {
        throw new Error(`${e.message}; the checks said: ${last.map((c) => `${c.ok ? '✓' : '✗'} ${c.message}`).join('; ')}`);
      });
    };

    await started();
    const first = await run(['check', s.name]);
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

    expect((await run(['reset', s.name])).status).toBe(0);
    expect((await lab.kubectl(['get', 'namespace', s.namespace])).stderr).toContain('NotFound');

    await started();
    const solved = await run(['solve', s.name]);
    expect(solved.status, solved.stderr).toBe(0);
    let lastChecks: Checked['checks'] = [];
    await waitFor(async () => {
      const now = await status(s.name);
      lastChecks = now.checks;
      return now.passed;
    }, `${s.name} to pass after its solution`, 60_000, 250).catch((e: Error) => {
      throw new Error(`${e.message}; the checks said: ${lastChecks.map((c) => `${c.ok ? '✓' : '✗'} ${c.message}`).join('; ')}`);
    });
    const passed = await run(['check', s.name]);
    expect(passed.status, passed.stdout).toBe(0);
    expect(passed.stdout).toContain('Every check passes. What happened:');
    expect(passed.stdout).toContain(s.explanation.en.split('\n')[0]);
    expect(passed.stdout).toMatch(/\+\d+s {2}(Normal|Warning)/);
    expect((await run(['check', s.name, '--lang', 'ko'])).stdout).toContain('모든 검사를 통과했습니다');
    expect((await run(['list'])).stdout).toContain(`${s.name.padEnd(22)} done`);
    expect((await run(['reset', s.name])).status).toBe(0);
  }

  return { lab: () => lab, learn, rehearse };
}

/** The tests of one rehearsal file: each of `which` rehearsed (side by side or one at a time), then every one of them still done. */
export function describeRehearsals(suite: LearnSuite, which: Scenario[], mode: 'side by side' | 'one at a time'): void {
  describe(mode, { concurrent: mode === 'side by side' }, () => {
    which.forEach((s, i) => {
      it(`${s.name}: fails at the start and after a wrong fix, passes after the solution, and reset removes its namespace`,
        ({ expect }) => suite.rehearse(s, expect, i === 0 ? 'bin' : 'in-process'), 360_000);
    });
  });

  it('keeps every scenario\'s progress when learn commands run at once', async () => {
    const list = (await suite.learn(['list'])).stdout;
    for (const s of which) expect(list).toContain(`${s.name.padEnd(22)} done`);
  });
}
