/**
 * `kubelab learn` on a real lab: the list in both languages, the refusals, and every scenario
 * that keeps to its namespace rehearsed side by side (learn-rehearsal.ts); the scenarios that
 * act on the lab itself are in learn-lab-wide.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { actsOnTheLab, describeRehearsals, learnSuite, scenarios, timeScale } from './learn-rehearsal.js';

describe(`kubelab learn on a lab at time scale ${timeScale}`, () => {
  const suite = learnSuite();

  it('lists every scenario, in English by default and in Korean with --lang ko or KUBELAB_LANG', async () => {
    const list = await suite.learn(['list']);
    expect(list.status).toBe(0);
    for (const s of scenarios) expect(list.stdout).toContain(`${s.name.padEnd(22)} -`);
    expect((await suite.learn(['list', '--lang', 'ko'])).stdout).toContain(scenarios[0].title.ko);
    expect((await suite.learn(['list'], { KUBELAB_LANG: 'ko' })).stdout).toContain(scenarios[0].title.ko);
    const unknown = await suite.learn(['start', 'no-such-scenario']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`kubelab: no scenario "no-such-scenario"; there are: `);
    expect((await suite.learn(['list', '--lang', 'fr'])).stderr).toBe('kubelab: --lang must be one of en, ko, got "fr"\n');
  });

  describeRehearsals(suite, scenarios.filter((s) => !actsOnTheLab(s)), 'side by side');
});
