import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { defaultIngressClass } from './strategy.js';

const ingressClass = (name: string, created: string, isDefault?: string): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
  metadata: { name, creationTimestamp: created, ...(isDefault === undefined ? {} : { annotations: { 'ingressclass.kubernetes.io/is-default-class': isDefault } }) },
});

describe('the DefaultIngressClass admission plugin\'s choice', () => {
  it('is the class marked default, the newest of several, and none when no class is marked', () => {
    expect(defaultIngressClass([ingressClass('nginx', '2026-01-01T00:00:00Z', 'true'), ingressClass('traefik', '2026-02-01T00:00:00Z')])?.metadata.name).toBe('nginx');
    expect(defaultIngressClass([ingressClass('old', '2026-01-01T00:00:00Z', 'true'), ingressClass('new', '2026-02-01T00:00:00Z', 'true')])?.metadata.name).toBe('new');
    expect(defaultIngressClass([ingressClass('nginx', '2026-01-01T00:00:00Z', 'false')])).toBeUndefined();
  });
});
