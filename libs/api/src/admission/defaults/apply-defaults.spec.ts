import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Deployment, Endpoints, Job, LimitRange, Namespace, Node, Pod, Service } from '../../typed-objects.js';
import { applyDefaults } from './apply-defaults.js';

const object = (apiVersion: string, kind: string, body: Partial<KubeObject>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: 'default' },
  ...body,
});

describe('applyDefaults: Pod', () => {
  const nginx = object('v1', 'Pod', {
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
  }) as Pod;

  it('gives an nginx:1.14.2 pod every default of kube-apiserver 1.32 (admission adds the rest)', () => {
    expect(applyDefaults(nginx)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.14.2',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            resources: {},
          },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        enableServiceLinks: true,
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('returns a new object and is idempotent', () => {
    const once = applyDefaults(nginx);
    expect(nginx.spec!.dnsPolicy).toBeUndefined();
    expect(applyDefaults(once)).toEqual(once);
  });

  it.each([
    ['my-app:1.0.0', 'IfNotPresent'],
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.local:5000/team/app', 'Always'],
    ['busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
  ])('image %s pulls %s', (image, policy) => {
    const pod = applyDefaults(object('v1', 'Pod', { spec: { containers: [{ name: 'c', image }] } })) as Pod;
    expect(pod.spec!.containers[0].imagePullPolicy).toBe(policy);
  });

  it('leaves the account and the default tolerations to admission (ServiceAccount, DefaultTolerationSeconds)', () => {
    const pod = applyDefaults(object('v1', 'Pod', { spec: { containers: [{ name: 'c', image: 'x' }], serviceAccountName: 'builder' } })) as Pod;
    expect([pod.spec!.serviceAccount, pod.spec!.tolerations]).toEqual(['builder', undefined]);
  });

  it('defaults probes, hooks, env field references and requests from limits', () => {
    const pod = applyDefaults(
      object('v1', 'Pod', {
        spec: {
          containers: [
            {
              name: 'c',
              image: 'x:1',
              livenessProbe: { httpGet: { port: 8080 } },
              readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
              lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
              env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              resources: { limits: { cpu: '1', memory: '1024Mi' } },
            },
          ],
        },
      })
    ) as Pod;
    const c = pod.spec!.containers[0];
    expect(c.livenessProbe).toEqual({ httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c.lifecycle!.preStop!.httpGet).toEqual({ port: 80, path: '/stop', scheme: 'HTTP' });
    expect(c.env![0].valueFrom!.fieldRef).toEqual({ fieldPath: 'spec.nodeName', apiVersion: 'v1' });
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(pod.status!.qosClass).toBe('Guaranteed');
  });

  it('leaves priority to the Priority admission plugin', () => {
    const pod = applyDefaults(object('v1', 'Pod', { spec: { containers: [{ name: 'c', image: 'x' }], priorityClassName: 'system-node-critical' } })) as Pod;
    expect([pod.spec!.priority, pod.spec!.preemptionPolicy]).toEqual([undefined, undefined]);
  });

  it('defaults volumes', () => {
    const pod = applyDefaults(
      object('v1', 'Pod', { spec: { containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }] } })
    ) as Pod;
    expect(pod.spec!.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
    ]);
  });
});

describe('applyDefaults: workloads', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
  const defaultedTemplate = {
    metadata: { labels: { app: 'web' }, creationTimestamp: null },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    },
  };

  it('defaults a Deployment and its template (no pod-only or admission defaults)', () => {
    const deployment = applyDefaults(object('apps/v1', 'Deployment', { spec: { selector: { matchLabels: { app: 'web' } }, template } }));
    expect(deployment.spec).toEqual({
      selector: { matchLabels: { app: 'web' } },
      template: defaultedTemplate,
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it('leaves a Recreate strategy without rollingUpdate', () => {
    const deployment = applyDefaults(object('apps/v1', 'Deployment', { spec: { replicas: 3, strategy: { type: 'Recreate' }, template } })) as Deployment;
    expect(deployment.spec!.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec!.replicas).toBe(3);
  });

  it('defaults a ReplicaSet', () => {
    const replicaSet = applyDefaults(object('apps/v1', 'ReplicaSet', { spec: { template } }));
    expect(replicaSet.spec).toEqual({ template: defaultedTemplate, replicas: 1 });
  });

  it.each([
    ['neither completions nor parallelism', {}, { completions: 1, parallelism: 1 }],
    ['parallelism only', { parallelism: 3 }, { parallelism: 3 }],
    ['completions only', { completions: 5 }, { completions: 5, parallelism: 1 }],
  ])('defaults a Job with %s', (_name, counts, expected) => {
    const job = applyDefaults(object('batch/v1', 'Job', { spec: { ...counts, template: { spec: { containers: [{ name: 'c', image: 'x' }], restartPolicy: 'Never' } } } })) as Job;
    expect(job.spec).toMatchObject({ ...expected, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false });
    expect(job.spec!.completions).toBe((expected as { completions?: number }).completions);
  });

  it('labels a Job like its template when it has no labels', () => {
    const job = applyDefaults(object('batch/v1', 'Job', { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } }));
    expect(job.metadata.labels).toEqual({ app: 'web' });
  });
});

describe('applyDefaults: other kinds', () => {
  it('defaults a Service', () => {
    const service = applyDefaults(object('v1', 'Service', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https', name: 'https' }] } }));
    expect(service.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, targetPort: 'https', name: 'https', protocol: 'TCP' },
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect(service.status).toEqual({ loadBalancer: {} });
  });

  it.each([
    ['NodePort', { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['LoadBalancer', { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
  ])('defaults the traffic policies of a %s Service', (type, expected) => {
    const service = applyDefaults(object('v1', 'Service', { spec: { type, ports: [{ port: 80 }] } }));
    expect(service.spec).toMatchObject(expected);
  });

  it('gives a headless Service its clusterIPs', () => {
    const service = applyDefaults(object('v1', 'Service', { spec: { clusterIP: 'None', ports: [{ port: 80 }] } })) as Service;
    expect(service.spec!.clusterIPs).toEqual(['None']);
  });

  it('defaults a Namespace', () => {
    const namespace = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(namespace).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('does not give a terminating Namespace its finalizer back', () => {
    const namespace = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } }) as Namespace;
    expect(namespace.spec!.finalizers).toEqual([]);
  });

  it('defaults a LimitRange Container item from max and default', () => {
    const limitRange = applyDefaults(object('v1', 'LimitRange', { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { memory: '0.5Gi' }, min: { memory: '64Mi' } }] } })) as LimitRange;
    expect(limitRange.spec!.limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { memory: '512Mi', cpu: '2' },
      defaultRequest: { memory: '512Mi', cpu: '2' },
    });
  });

  it('defaults Endpoints ports and Node allocatable', () => {
    const endpoints = applyDefaults(object('v1', 'Endpoints', { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] })) as Endpoints;
    expect(endpoints.subsets![0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const node = applyDefaults({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } }) as Node;
    expect(node.status!.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it('leaves Events and Leases as they are', () => {
    const lease = object('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'a' } });
    expect(applyDefaults(lease)).toEqual(lease);
  });
});

describe('applyDefaults: PriorityClass', () => {
  const priorityClass = (body: object): KubeObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, ...body });

  it.each<[string, object, object]>([
    ['a class without a policy preempts lower priorities', { value: 1000 }, { value: 1000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['a class keeps Never', { value: 1000, preemptionPolicy: 'Never' }, { value: 1000, preemptionPolicy: 'Never' }],
    ['a class without a value holds 0, as Go decodes it', {}, { value: 0, preemptionPolicy: 'PreemptLowerPriority' }],
  ])('%s', (_name, body, expected) => {
    expect(applyDefaults(priorityClass(body))).toEqual(priorityClass(expected));
  });
});
