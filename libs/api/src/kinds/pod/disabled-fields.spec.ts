import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { dropDisabledFields } from './disabled-fields.js';

const imageVolumePod = (): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'image-volume' },
  spec: {
    containers: [{ name: 'shell', image: 'debian', volumeMounts: [{ name: 'volume', mountPath: '/volume' }, { name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v1', pullPolicy: 'IfNotPresent' } }, { name: 'data', emptyDir: {} }],
  },
});

describe('dropDisabledFields: the fields of features a default 1.32 api-server has off', () => {
  it('drops an image volume and its mounts on create, keeping the other volumes', () => {
    expect(dropDisabledFields(imageVolumePod(), undefined).spec).toEqual({
      containers: [{ name: 'shell', image: 'debian', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
    });
  });

  it('keeps them on an update of a pod that already had an image volume', () => {
    const pod = imageVolumePod();
    expect(dropDisabledFields(pod, imageVolumePod()).spec).toEqual(pod.spec);
  });

  it('drops pod-level resources, hostUsers, resize policies, resource claims and the alpha security context fields', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'alpha' },
      spec: {
        hostUsers: false,
        resources: { limits: { cpu: '1' } },
        resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu' }],
        securityContext: { runAsUser: 1000, supplementalGroupsPolicy: 'Strict', seLinuxChangePolicy: 'Recursive' },
        containers: [{
          name: 'c', image: 'nginx', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
          resources: { limits: { cpu: '1' }, claims: [{ name: 'gpu' }] }, securityContext: { procMount: 'Unmasked' },
        }],
      },
    };
    expect(dropDisabledFields(pod, undefined).spec).toEqual({
      securityContext: { runAsUser: 1000 },
      containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '1' } }, securityContext: { procMount: 'Default' } }],
    });
  });

  it('drops a projected clusterTrustBundle, leaving the empty source validation then refuses', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ctb' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'v', projected: { sources: [{ clusterTrustBundle: { name: 'b', path: 'ca.pem' } }] } }] },
    };
    expect((dropDisabledFields(pod, undefined).spec as { volumes: unknown[] }).volumes).toEqual([{ name: 'v', projected: { sources: [{}] } }]);
  });

  it("drops them from a workload's pod template, a CronJob's included", () => {
    const template = { spec: (imageVolumePod().spec as object) };
    const deployment = dropDisabledFields({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template } }, undefined);
    expect((deployment.spec as { template: { spec: { volumes: unknown[] } } }).template.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    const cronJob = dropDisabledFields({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template } } } }, undefined);
    expect((cronJob.spec as { jobTemplate: { spec: { template: { spec: { volumes: unknown[] } } } } }).jobTemplate.spec.template.spec.volumes).toHaveLength(1);
  });

  it('leaves a kind without a pod spec, and the caller’s object, as they were', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(dropDisabledFields(cm, undefined)).toBe(cm);
    const pod = imageVolumePod();
    dropDisabledFields(pod, undefined);
    expect(pod).toEqual(imageVolumePod());
  });
});
