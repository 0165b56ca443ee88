import type { KubeObject } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { differingPaths, stateDifferences } from './state-diff.js';

const pod = (name: string, rv: string, phase = 'Running', labels: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: rv, labels }, status: { phase } }) as KubeObject;
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, resourceVersion: '3' } }) as KubeObject;

describe('stateDifferences', () => {
  it('finds nothing when the states agree', () => {
    expect(stateDifferences([pod('a', '5'), node('node-1')], [node('node-1'), pod('a', '5')])).toEqual([]);
  });

  it.each([
    [[pod('a', '5')], [], ['only in the log: Pod default/a (resourceVersion 5)']],
    [[], [node('node-2')], ['only live: Node node-2 (resourceVersion 3)']],
    [[pod('a', '5')], [pod('a', '6', 'Failed')], ['differs: Pod default/a: metadata.resourceVersion, status.phase']],
    [[pod('a', '5', 'Running', { app: 'x' })], [pod('a', '5', 'Running', { app: 'y' })], ['differs: Pod default/a: metadata.labels']],
  ])('%j vs %j', (replayed, live, lines) => {
    expect(stateDifferences(replayed, live)).toEqual(lines);
  });
});

describe('differingPaths', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, ['a']],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, ['a.b']],
    [{ a: [1] }, { a: [2] }, ['a']],
    [1, 2, ['(the whole object)']],
  ])('%j vs %j', (a, b, paths) => {
    expect(differingPaths(a, b)).toEqual(paths);
  });
});
