import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { readScenario, scenarioNames, ScenarioError } from './scenario.js';

const shipped = fileURLToPath(new URL('../scenarios', import.meta.url));

describe('the scenarios kubelab ships', () => {
  it.each(scenarioNames(shipped))('%s reads whole, in English and Korean, with a solution and a wrong fix to rehearse', (name) => {
    const s = readScenario(shipped, name);
    expect(s.namespace).toBe(`learn-${name}`);
    expect(s.solution.length).toBeGreaterThan(0);
    expect(s.rehearsal.wrongFix.length).toBeGreaterThan(0);
    for (const id of s.rehearsal.before) expect(s.checks.map((c) => c.id)).toContain(id);
    expect(new Set(s.checks.map((c) => c.id)).size).toBe(s.checks.length);
  });
});

describe('readScenario', () => {
  const dir = tempDir('scenarios');
  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'scenario.yaml'), text);
  };
  const valid = [
    'title: {en: T, ko: 티}', 'goal: {en: G, ko: 지}', 'explanation: {en: E, ko: 이}', 'solution: [{delete: {kind: Pod, name: a}}]',
    'checks: [{id: c, type: absent, select: {kind: Pod, name: a}, text: {en: x, ko: y}, failing: {en: x, ko: y}}]',
  ];

  it('says which file and field is wrong', () => {
    write('no-ko', valid.map((l) => l.replace('ko: 티', 'kr: 티')).join('\n'));
    expect(() => readScenario(dir, 'no-ko')).toThrow(new ScenarioError(`${join(dir, 'no-ko', 'scenario.yaml')}: title: needs a text in every language (en, ko), "ko" is missing`));
    write('bad-type', valid.map((l) => l.replace('type: absent', 'type: vibes')).join('\n'));
    expect(() => readScenario(dir, 'bad-type')).toThrow('checks[0].type: must be one of objects, absent, events, backoffs, terminating, replaced, recreated, restored, spread, got "vibes"');
    write('bad-step', valid.map((l) => l.replace('{delete: {kind: Pod, name: a}}', '{patch: {}}')).join('\n'));
    expect(() => readScenario(dir, 'bad-step')).toThrow('solution[0]: must be apply: OBJECT (with kind and metadata.name), delete: {kind, name | labels}, kubectl: [ARGS] (with stdin: OBJECT for -f -), manifest: {node, object: POD}, kubelab: [ARGS] or wait: CHECK');
    write('bad-spread', valid.map((l) => l.replace('type: absent', 'type: spread, count: 2')).join('\n'));
    expect(() => readScenario(dir, 'bad-spread')).toThrow('checks[0]: needs count and maxPerNode (whole numbers, maxPerNode at least 1)');
    expect(() => readScenario(dir, 'missing')).toThrow('scenario.yaml: no such scenario');
  });

  it('reads a valid one', () => {
    write('ok', valid.join('\n'));
    expect(readScenario(dir, 'ok')).toMatchObject({ name: 'ok', namespace: 'learn-ok', title: { en: 'T', ko: '티' }, rehearsal: { before: [], wrongFix: [], after: [] } });
  });
});
