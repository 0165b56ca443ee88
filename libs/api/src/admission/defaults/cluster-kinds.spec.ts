import { describe, expect, it } from 'vitest';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from '../../typed-objects.js';
import { applyDefaults } from './apply-defaults.js';


describe('applyDefaults: webhook configurations and CSIDriver', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/
  const webhook = {
    name: 'my-webhook.example.com',
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
    clientConfig: { service: { namespace: 'example-namespace', name: 'example-service' } },
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
  };

  it('fills a validating webhook as SetDefaults_ValidatingWebhook does', () => {
    const config = applyDefaults({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [webhook] }) as ValidatingWebhookConfiguration;
    expect(config.webhooks![0]).toEqual({
      ...webhook,
      rules: [{ ...webhook.rules[0], scope: '*' }],
      clientConfig: { service: { namespace: 'example-namespace', name: 'example-service', port: 443 } },
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      timeoutSeconds: 10,
    });
  });

  it('adds reinvocationPolicy Never to mutating webhooks and keeps given values', () => {
    const config = applyDefaults(
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'm' }, webhooks: [{ ...webhook, failurePolicy: 'Ignore', timeoutSeconds: 5 }] }
    ) as MutatingWebhookConfiguration;
    const [mutating] = config.webhooks!;
    expect([mutating.reinvocationPolicy, mutating.failurePolicy, mutating.timeoutSeconds]).toEqual(['Never', 'Ignore', 5]);
  });

  it('fills a CSIDriver as SetDefaults_CSIDriver does', () => {
    const driver = applyDefaults({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'hostpath.csi.k8s.io' }, spec: { podInfoOnMount: true } });
    expect(driver.spec).toEqual({
      attachRequired: true,
      podInfoOnMount: true,
      storageCapacity: false,
      fsGroupPolicy: 'ReadWriteOnceWithFSType',
      volumeLifecycleModes: ['Persistent'],
      requiresRepublish: false,
      seLinuxMount: false,
    });
  });
});
