import { describe, expect, it } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { admitPodSecurity, podTemplateWarnings } from './admit-pod.js';

const labels = (modes: Record<string, string>) => Object.fromEntries(Object.entries(modes).map(([m, v]) => [`pod-security.kubernetes.io/${m}`, v]));
const pod = (spec: PodSpec, annotations?: Record<string, string>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x', annotations }, spec });
const plain = pod({ containers: [{ name: 'c', image: 'nginx' }] });
const privileged = pod({ containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] });
const restrictedDetail = 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
  + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
  + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
  + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

describe('admitPodSecurity', () => {
  it('admits anything in a namespace without labels', () => {
    expect(admitPodSecurity(undefined, privileged)).toEqual({ warnings: [] });
  });

  it('refuses a violating pod under enforce, without warnings', () => {
    expect(admitPodSecurity(labels({ enforce: 'restricted', warn: 'restricted' }), plain)).toEqual({ refusal: `violates PodSecurity "restricted:latest": ${restrictedDetail}`, warnings: [] });
  });

  it('warns and admits under warn', () => {
    expect(admitPodSecurity(labels({ warn: 'restricted' }), plain)).toEqual({ warnings: [`would violate PodSecurity "restricted:latest": ${restrictedDetail}`] });
  });

  it('warns at the warn level when the enforce level passes', () => {
    const verdict = admitPodSecurity(labels({ enforce: 'baseline', 'enforce-version': 'v1.32', warn: 'restricted', 'warn-version': 'v1.31' }), plain);
    expect(verdict.refusal).toBeUndefined();
    expect(verdict.warnings[0]).toMatch(/^would violate PodSecurity "restricted:v1\.31": allowPrivilegeEscalation != false/);
  });

  it('enforces restricted when the enforce label is not valid', () => {
    expect(admitPodSecurity(labels({ enforce: 'strict' }), plain).refusal).toBe(`violates PodSecurity "restricted:latest": ${restrictedDetail}`);
  });

  it('lets updates through unless they change an image, a container count or a seccomp annotation', () => {
    const enforce = labels({ enforce: 'baseline' });
    const relabelled = { ...privileged, metadata: { ...privileged.metadata, labels: { a: 'b' } } };
    expect(admitPodSecurity(enforce, relabelled, privileged)).toEqual({ warnings: [] });
    const newImage = pod({ containers: [{ name: 'c', image: 'nginx:2', securityContext: { privileged: true } }] });
    expect(admitPodSecurity(enforce, newImage, privileged).refusal).toBe('violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)');
    const debug = pod({ containers: [{ name: 'c', image: 'nginx' }], ephemeralContainers: [{ name: 'd', image: 'busybox', securityContext: { privileged: true } }] });
    expect(admitPodSecurity(enforce, debug, plain).refusal).toBe('violates PodSecurity "baseline:latest": privileged (container "d" must not set securityContext.privileged=true)');
  });
});

describe('podTemplateWarnings', () => {
  const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x' }, spec: { template: { metadata: {}, spec: privileged.spec } } };

  it('only warns, at the warn level, even in an enforce namespace', () => {
    expect(podTemplateWarnings(labels({ enforce: 'restricted' }), deployment)).toEqual([]);
    expect(podTemplateWarnings(labels({ enforce: 'restricted', warn: 'baseline' }), deployment)).toEqual(['would violate PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)']);
  });

  it('reads a CronJob\'s job template, and nothing from a kind without a template', () => {
    const cronJob: KubeObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'j' }, spec: { jobTemplate: { spec: { template: { spec: privileged.spec } } } } };
    expect(podTemplateWarnings(labels({ warn: 'baseline' }), cronJob)).toHaveLength(1);
    expect(podTemplateWarnings(labels({ warn: 'baseline' }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toEqual([]);
  });
});
