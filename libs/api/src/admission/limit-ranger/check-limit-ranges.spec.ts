import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { checkLimitRanges } from './check-limit-ranges.js';

const limitRange = (limits: object[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'default' }, spec: { limits } });
const pod = (...resources: object[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) },
});

describe('checkLimitRanges', () => {
  it.each([
    ['a limit above max', [{ type: 'Container', max: { cpu: '1' } }], pod({ limits: { cpu: '2' }, requests: { cpu: '500m' } }), ['maximum cpu usage per Container is 1, but limit is 2']],
    ['a request above max', [{ type: 'Container', max: { cpu: '1' } }], pod({ limits: { cpu: '1' }, requests: { cpu: '1500m' } }), ['maximum cpu usage per Container is 1, but request is 1500m']],
    ['no limit under a max', [{ type: 'Container', max: { memory: '1Gi' } }], pod({}), ['maximum memory usage per Container is 1Gi.  No limit is specified']],
    ['a request below min', [{ type: 'Container', min: { memory: '64Mi' } }], pod({ requests: { memory: '32Mi' } }), ['minimum memory usage per Container is 64Mi, but request is 32Mi']],
    ['no request above a min', [{ type: 'Container', min: { cpu: '100m' } }], pod({}), ['minimum cpu usage per Container is 100m.  No request is specified']],
    [
      'a limit/request ratio above the maximum',
      [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
      pod({ limits: { cpu: '1' }, requests: { cpu: '250m' } }),
      ['cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000'],
    ],
    ['a pod total above a Pod max', [{ type: 'Pod', max: { cpu: '1' } }], pod({ limits: { cpu: '600m' } }, { limits: { cpu: '600m' } }), ['maximum cpu usage per Pod is 1, but limit is 1200m']],
    ['two violations', [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }], pod({ limits: { cpu: '2', memory: '2Gi' } }), [
      'maximum cpu usage per Container is 1, but limit is 2',
      'maximum memory usage per Container is 1Gi, but limit is 2Gi',
    ]],
  ])('refuses %s', (_name, limits, p, messages) => {
    expect(checkLimitRanges(p, [limitRange(limits)])).toEqual(messages);
  });

  it('accepts a pod within every range', () => {
    const ranges = [limitRange([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }])];
    expect(checkLimitRanges(pod({ limits: { cpu: '1' }, requests: { cpu: '250m' } }), ranges)).toEqual([]);
  });

  it('reports only the first LimitRange that refuses', () => {
    const ranges = [limitRange([{ type: 'Container', max: { cpu: '1' } }]), limitRange([{ type: 'Container', max: { cpu: '500m' } }])];
    expect(checkLimitRanges(pod({ limits: { cpu: '2' } }), ranges)).toEqual(['maximum cpu usage per Container is 1, but limit is 2']);
  });
});
