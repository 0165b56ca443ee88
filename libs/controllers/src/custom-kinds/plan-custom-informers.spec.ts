import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelab/api';
import { planCustomInformers } from './plan-custom-informers.js';

interface Options { established?: boolean; storage?: string; versions?: string[] }

function crd(plural: string, o: Options = {}): KubeObject {
  const versions = o.versions ?? ['v1'];
  const storage = o.storage ?? versions[0];
  const kind = plural[0].toUpperCase() + plural.slice(1, -1);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.stable.example.com`, resourceVersion: '1' },
    spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural, kind }, versions: versions.map((name) => ({ name, served: true, storage: name === storage })) },
    status: { conditions: [{ type: 'Established', status: o.established === false ? 'False' : 'True' }] },
  };
}

const summary = (plan: ReturnType<typeof planCustomInformers>) => ({
  start: plan.start.map((i) => `${i.key} serving ${i.served.map((t) => t.version).join(',')}`),
  stop: plan.stop,
});

describe('planCustomInformers', () => {
  it.each([
    { given: 'a new established CRD', crds: [crd('crontabs')], running: [], then: { start: ['stable.example.com/v1/crontabs serving v1'], stop: [] } },
    { given: 'a CRD not yet established', crds: [crd('crontabs', { established: false })], running: [], then: { start: [], stop: [] } },
    { given: 'an informer already running', crds: [crd('crontabs')], running: ['stable.example.com/v1/crontabs'], then: { start: [], stop: [] } },
    { given: 'a CRD gone', crds: [], running: ['stable.example.com/v1/crontabs'], then: { start: [], stop: ['stable.example.com/v1/crontabs'] } },
    {
      given: 'the storage version, not the preferred one, is watched',
      crds: [crd('crontabs', { versions: ['v1beta1', 'v1'], storage: 'v1beta1' })], running: [],
      then: { start: ['stable.example.com/v1beta1/crontabs serving v1,v1beta1'], stop: [] },
    },
    {
      given: 'the storage version changed',
      crds: [crd('crontabs', { versions: ['v1beta1', 'v1'], storage: 'v1' })], running: ['stable.example.com/v1beta1/crontabs'],
      then: { start: ['stable.example.com/v1/crontabs serving v1,v1beta1'], stop: ['stable.example.com/v1beta1/crontabs'] },
    },
  ])('$given', ({ crds, running, then }) => {
    expect(summary(planCustomInformers(crds, new Set(running)))).toEqual(then);
  });
});
