import type { Pod, Service } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { serviceEnv } from './service-env.js';

const svc = (namespace: string, name: string, spec: object): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec }) as Service;
const services = [
  svc('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
  svc('shop', 'redis-leader', { clusterIP: '10.96.12.7', ports: [{ port: 6379 }] }),
  svc('shop', 'headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
  svc('other', 'web', { clusterIP: '10.96.3.3', ports: [{ port: 80 }] }),
];
const pod = (namespace: string, spec: object = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace }, spec: { containers: [], ...spec } }) as Pod;

describe('serviceEnv', () => {
  it('gives the kubernetes Service\'s variables to every pod, as the documentation\'s commands example prints KUBERNETES_PORT', () => {
    expect(serviceEnv(services, pod('default'))).toEqual({
      KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443', KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443', KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443', KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    });
  });

  it('adds the Services with a cluster IP in the pod\'s own namespace, unless enableServiceLinks is false', () => {
    const env = serviceEnv(services, pod('shop'));
    expect(env).toMatchObject({ REDIS_LEADER_SERVICE_HOST: '10.96.12.7', REDIS_LEADER_PORT: 'tcp://10.96.12.7:6379', KUBERNETES_SERVICE_HOST: '10.96.0.1' });
    expect(Object.keys(env).filter((k) => k.startsWith('HEADLESS') || k.startsWith('WEB_'))).toEqual([]);
    expect(Object.keys(serviceEnv(services, pod('shop', { enableServiceLinks: false }))).some((k) => k.startsWith('REDIS'))).toBe(false);
  });
});
