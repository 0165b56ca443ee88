import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { projectedTokens, tokenRefreshAt, tokenRequestFor } from './token-projection.js';

const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
  spec: {
    serviceAccountName: 'default',
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'kube-api-access-x7k2q', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }] } },
      { name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 7200, path: 'vault-token' } }] } },
    ],
  },
} as Pod;

describe('token projection (the kubelet token manager)', () => {
  it('finds each serviceAccountToken source with its volume, path, audience and lifetime', () => {
    expect(projectedTokens(pod)).toEqual([
      { volume: 'kube-api-access-x7k2q', path: 'token', expirationSeconds: 3607 },
      { volume: 'vault-token', path: 'vault-token', audience: 'vault', expirationSeconds: 7200 },
    ]);
  });

  it('asks for a token bound to the pod by name and UID, for the audience of the source or the api-server\'s own', () => {
    const [kubeApi, vault] = projectedTokens(pod);
    expect(tokenRequestFor(pod, kubeApi)).toEqual({
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {},
      spec: { audiences: [], expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web', uid: 'u-1' } },
    });
    expect(tokenRequestFor(pod, vault).spec?.audiences).toEqual(['vault']);
  });

  const issued = new Date('2025-01-01T00:00:00Z');
  const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000);

  it.each([
    ['the default 3607 s token, 80% gone (2886 s, as the kubelet truncates 20%)', 3607, 0, at(3607 - 721)],
    ['with 7 s of jitter', 3607, 7, at(3607 - 721 - 7)],
    ['a 600 s token', 600, 0, at(480)],
    ['a two-day token: 24 h caps it', 2 * 86400, 0, at(86400)],
    ['a two-day token with jitter', 2 * 86400, 10, at(86400 - 10)],
  ])('refreshes %s', (_case, expirationSeconds, jitter, expected) => {
    expect(tokenRefreshAt(issued, expirationSeconds, jitter)).toEqual(expected);
  });

  it('walks a virtual clock through a day of the default token: fetched anew every 2886 s, never later than 24 h', () => {
    const refreshes: Date[] = [];
    for (let clock = issued; refreshes.length < 30; ) refreshes.push((clock = tokenRefreshAt(clock, 3607, 0)));
    expect(refreshes.slice(0, 2)).toEqual([at(2886), at(2 * 2886)]);
    expect(refreshes.filter((r) => r.getTime() <= at(86400).getTime())).toHaveLength(29);
  });
});
