import { describe, expect, it } from 'vitest';
import { podLogQuery, writeOptions } from './request-options.js';

describe('boolean query parameters, read as kube-apiserver reads them', () => {
  it('spells the pods/log flags out for the agent, leaving the rest as sent', () => {
    expect(podLogQuery({ follow: 'True', previous: '0', timestamps: '', container: 'c', tailLines: '5' })).toEqual({
      follow: 'true', previous: 'false', timestamps: 'true', container: 'c', tailLines: '5',
    });
    expect(podLogQuery({})).toEqual({});
  });

  it('forces an apply with force=True or force=1, not with force=False', () => {
    expect(writeOptions({ force: 'True' }, 'PatchOptions').force).toBe(true);
    expect(writeOptions({ force: '1' }, 'PatchOptions').force).toBe(true);
    expect(writeOptions({ force: 'False' }, 'PatchOptions').force).toBe(false);
    expect(writeOptions({}, 'PatchOptions').force).toBe(false);
  });
});
