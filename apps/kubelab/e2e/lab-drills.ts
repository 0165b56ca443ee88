/** What the lab's drill suites share: a chaos drill that must succeed, the Deployment they scale (app=web, nginx), and its Ready pods. */
import type { TestLab } from '@kubelab/testing';
import { expect } from 'vitest';

/** Runs `kubelab chaos ARGS…`, which must succeed without a word on stderr; returns what it printed. */
export function chaosDrill(lab: TestLab, args: string[]): string {
  const r = lab.kubelab(['chaos', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

export const webDeployment = (replicas: number) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } },
  },
});

/** Pods matching `selector`, as kubectl lists them. */
export const labPods = async (lab: TestLab, selector = 'app=web') => JSON.parse((await lab.kubectl(['get', 'pods', '-l', selector, '-o', 'json'])).stdout).items as any[];

/** The web pods not being deleted whose containers are all ready. */
export const readyWebPods = async (lab: TestLab) => (await labPods(lab)).filter((p) => !p.metadata.deletionTimestamp && p.status?.containerStatuses?.every((c: any) => c.ready));
