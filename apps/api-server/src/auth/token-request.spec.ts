import type { KubeObject } from '@kubelab/api';
import { tempDir } from '@kubelab/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceAccountTokens } from './service-account-tokens.js';
import { answerTokenRequest } from './token-request.js';

const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default', uid: 'sa-1' } } as KubeObject;
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'pod-1' } } as KubeObject;
const readPod = (_namespace: string, name: string) => (name === 'web' ? pod : undefined);
const now = new Date('2025-01-01T00:00:00Z');
const iat = now.getTime() / 1000;
const statusOf = (reply: KubeObject) => (reply.status ?? {}) as { token?: string; expirationTimestamp?: string };
const claimsOf = (reply: KubeObject) => JSON.parse(Buffer.from(String(statusOf(reply).token).split('.')[1], 'base64url').toString());
const bound = (spec: object) => ({ spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-1' }, ...spec } });

describe('answerTokenRequest', () => {
  let tokens: ServiceAccountTokens;
  beforeAll(async () => {
    tokens = await ServiceAccountTokens.open(tempDir('sa-keys'));
  });

  it('extends the kubelet\'s 3607 s pod token to a year, with warnafter, while the reply says 3607 s (--service-account-extend-token-expiration)', async () => {
    const reply = await answerTokenRequest(tokens, account, bound({ expirationSeconds: 3607 }), readPod, now);
    expect(statusOf(reply).expirationTimestamp).toBe('2025-01-01T01:00:07Z');
    expect(reply.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-1' } });
    expect(claimsOf(reply)).toMatchObject({
      iat, exp: iat + 365 * 24 * 3600,
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'default', uid: 'sa-1' }, pod: { name: 'web', uid: 'pod-1' }, warnafter: iat + 3607 },
    });
  });

  it.each([
    ['another lifetime', bound({ expirationSeconds: 600 }), 600],
    ['another audience', bound({ expirationSeconds: 3607, audiences: ['vault'] }), 3607],
    ['no pod', { spec: { expirationSeconds: 3607 } }, 3607],
  ])('keeps the lifetime asked for with %s', async (_case, body, seconds) => {
    const claims = claimsOf(await answerTokenRequest(tokens, account, body, readPod, now));
    expect(claims.exp).toBe(iat + seconds);
    expect(claims['kubernetes.io'].warnafter).toBeUndefined();
  });
});
