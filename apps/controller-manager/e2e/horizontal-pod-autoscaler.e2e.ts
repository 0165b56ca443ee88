import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The horizontal pod autoscaler with the real kubectl, at time scale 20: a sync every
 * 15 s of lab time is one every 0.75 s.
 */
describe('HorizontalPodAutoscaler, with the real kubectl', () => {
  let lab: TestLab;
  const kubectl = (...args: string[]) => lab.kubectl(args);
  const apply = async (object: object) => (await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(object) })).stderr;
  /** A row of `kubectl get hpa`, split on blanks: TARGETS `cpu: 82%/50%` takes two cells, so REPLICAS is the 7th. */
  const hpaRow = async (name: string) => (await kubectl('get', 'hpa', name, '--no-headers')).stdout.trim().split(/\s+/);
  const eventsOf = async (name: string) => JSON.parse((await kubectl('get', 'events', '--field-selector', `involvedObject.name=${name},involvedObject.kind=HorizontalPodAutoscaler`, '-o', 'json')).stdout).items as any[];
  const hpa = (name: string, target: { apiVersion: string; kind: string; name: string }, spec: object) => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: { scaleTargetRef: target, maxReplicas: 5, ...spec },
  });

  beforeAll(async () => {
    // A lab of its own: on the shared lab's three nodes php-apache never scaled up under load (it does on one node).
    lab = await startLab({ nodes: 1, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('kubectl autoscale creates an HPA; a CPU utilization it cannot compute shows <unknown>/50% and ScalingActive False FailedGetResourceMetric', async () => {
    // The pods request no CPU, so no utilization can be worked out.
    const isFailure = (text: string) => /^failed to get cpu utilization: missing request for cpu in container nginx of Pod web-[a-z0-9]+-[a-z0-9]{5}$/.test(text);
    expect((await kubectl('create', 'deployment', 'web', '--image=nginx')).stderr).toBe('');
    expect(await kubectl('autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=10')).toMatchObject({ stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '' });
    const status = await waitFor(async () => {
      const found = JSON.parse((await kubectl('get', 'hpa', 'web', '-o', 'json')).stdout).status;
      const active = found?.conditions?.find((c: any) => c.type === 'ScalingActive');
      return isFailure(String(active?.message).replace('the HPA was unable to compute the replica count: ', '')) ? found : undefined;
    }, 'the ScalingActive condition with the failure', 30_000);
    expect(status).toMatchObject({ currentReplicas: 1, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    expect(status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message.replace(/: .*/s, '')])).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count'],
    ]);
    expect((await hpaRow('web')).slice(0, 7)).toEqual(['web', 'Deployment/web', 'cpu:', '<unknown>/50%', '1', '10', '1']);
    expect((await kubectl('get', 'hpa')).stdout.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);

    const events = await waitFor(async () => {
      const found = await eventsOf('web');
      const computed = found.find((e) => e.reason === 'FailedComputeMetricsReplicas' && isFailure(e.message.replace('invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ', '')));
      return computed ? found : undefined;
    }, 'the FailedComputeMetricsReplicas event');
    expect(events.find((e) => e.reason === 'FailedGetResourceMetric' && isFailure(e.message))).toMatchObject({ type: 'Warning', source: { component: 'horizontal-pod-autoscaler' } });

    const described = (await kubectl('describe', 'hpa', 'web')).stdout;
    expect(described).toMatch(/^Reference:\s+Deployment\/web$/m);
    expect(described).toMatch(/resource cpu on pods\s+\(as a percentage of request\):\s+<unknown> \/ 50%/);
    expect(described).toMatch(/^Min replicas:\s+1$/m);
    expect(described).toMatch(/^Max replicas:\s+10$/m);
    expect(described).toMatch(/^Deployment pods:\s+1 current \/ 0 desired$/m);
    expect(described).toMatch(/^\s+ScalingActive\s+False\s+FailedGetResourceMetric\s+the HPA was unable to compute the replica count: failed to get cpu utilization/m);
    expect(described).toMatch(/^\s+Warning\s+FailedGetResourceMetric\s+.*\s+horizontal-pod-autoscaler\s+failed to get cpu utilization: /m);
  });

  it('holds a Deployment at minReplicas: 1 replica with minReplicas 2 becomes 2, and kubelab why says so', async () => {
    expect((await kubectl('create', 'deployment', 'small', '--image=nginx', '--replicas=1')).stderr).toBe('');
    // Every version of the HPA's first condition: the next sync (0.75 s later here) replaces the rescale's with its own.
    const conditions = lab.kubectl.spawn(['get', 'hpa', '--watch', '--field-selector', 'metadata.name=small', '-o', 'jsonpath={.status.conditions[0]}{"\\n"}']);
    expect(await apply(hpa('small', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'small' }, { minReplicas: 2 }))).toBe('');
    await waitFor(async () => (await kubectl('get', 'deployment', 'small', '-o', 'jsonpath={.spec.replicas}')).stdout === '2' || undefined, 'the Deployment scaled to 2', 20_000);
    const rescale = await waitFor(async () => (await eventsOf('small')).find((e) => e.reason === 'SuccessfulRescale'), 'the SuccessfulRescale event');
    expect(rescale).toMatchObject({ type: 'Normal', message: 'New size: 2; reason: Current number of replicas below Spec.MinReplicas', source: { component: 'horizontal-pod-autoscaler' } });
    const status = JSON.parse((await kubectl('get', 'hpa', 'small', '-o', 'json')).stdout).status;
    expect(status.lastScaleTime).toEqual(expect.any(String));
    const rescaled = await waitFor(() => conditions.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).find((c) => c.reason === 'SucceededRescale'), 'the SucceededRescale condition');
    conditions.stop();
    expect(rescaled).toMatchObject({ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 2' });
    await waitFor(async () => (await hpaRow('small'))[6] === '2' || undefined, 'kubectl get hpa shows 2 replicas');

    const why = lab.kubelab(['why', 'deployment/small']);
    expect(why.status, why.stderr).toBe(0);
    expect(why.stdout).toMatch(/scaled 1 → 2/);
    expect(why.stdout).toMatch(/SuccessfulRescale: New size: 2; reason: Current number of replicas below Spec.MinReplicas/);
    expect(why.stdout).toMatch(/autoscaler: Deployment small 1 → 2 replicas\n\s+1 replicas < minReplicas 2/);
  });

  it('scales a custom resource through its scale subresource', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'workers.example.com' },
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { plural: 'workers', singular: 'worker', kind: 'Worker' },
        versions: [{
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } }, status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } } } } },
          subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
        }],
      },
    };
    expect(await apply(crd)).toBe('');
    await waitFor(async () => (await apply({ apiVersion: 'example.com/v1', kind: 'Worker', metadata: { name: 'pool' }, spec: { replicas: 1 } })) === '' || undefined, 'the Worker created');
    expect(await apply(hpa('pool', { apiVersion: 'example.com/v1', kind: 'Worker', name: 'pool' }, { minReplicas: 3 }))).toBe('');
    await waitFor(async () => (await kubectl('get', 'worker', 'pool', '-o', 'jsonpath={.spec.replicas}')).stdout === '3' || undefined, 'the Worker scaled to 3', 20_000);
    expect((await hpaRow('pool')).slice(0, 2)).toEqual(['pool', 'Worker/pool']);
    expect((await eventsOf('pool')).find((e) => e.reason === 'SuccessfulRescale')?.message).toBe('New size: 3; reason: Current number of replicas below Spec.MinReplicas');
  });

  it('reports a target kind nobody serves as FailedGetScale', async () => {
    expect(await apply(hpa('lost', { apiVersion: 'apps/v1', kind: 'Nope', name: 'x' }, { minReplicas: 1 }))).toBe('');
    const condition = await waitFor(async () => JSON.parse((await kubectl('get', 'hpa', 'lost', '-o', 'json')).stdout).status?.conditions?.[0], 'the AbleToScale condition', 20_000);
    expect(condition).toMatchObject({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: no matches for kind "Nope" in group "apps"' });
    expect((await eventsOf('lost')).find((e) => e.reason === 'FailedGetScale')?.message).toBe('no matches for kind "Nope" in group "apps"');
  });

  // The php-apache walkthrough of the Kubernetes documentation, its CPU read from the metrics API.
  it('scales php-apache up under load and back down when the load stops', async () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache' },
      spec: {
        selector: { matchLabels: { run: 'php-apache' } },
        template: {
          metadata: { labels: { run: 'php-apache' } },
          spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } } }] },
        },
      },
    };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'php-apache', labels: { run: 'php-apache' } }, spec: { ports: [{ port: 80 }], selector: { run: 'php-apache' } } };
    expect(await apply(deployment)).toBe('');
    expect(await apply(service)).toBe('');
    expect((await kubectl('autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=10')).stderr).toBe('');
    await waitFor(async () => /^cpu: \d+%\/50%$/.test((await hpaRow('php-apache')).slice(2, 4).join(' ')) || undefined, 'kubectl get hpa shows the CPU utilization', 60_000);

    expect((await kubectl('run', 'load-generator', '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done')).stderr).toBe('');
    await waitFor(async () => Number((await hpaRow('php-apache'))[6]) > 1 || undefined, 'php-apache scaled up', 90_000);
    const up = (await eventsOf('php-apache')).find((e) => e.reason === 'SuccessfulRescale');
    expect(up.message).toMatch(/^New size: \d+; reason: cpu resource utilization \(percentage of request\) above target$/);
    const why = lab.kubelab(['why', 'deployment/php-apache']);
    expect(why.stdout).toMatch(/cpu \d+% of requests > 50% target: \d+ replicas/);

    expect((await kubectl('delete', 'pod', 'load-generator', '--grace-period=1')).stderr).toBe('');
    await waitFor(async () => (await hpaRow('php-apache'))[6] === '1' || undefined, 'php-apache scaled back to 1 after the 5 min stabilization window', 120_000);
    expect((await eventsOf('php-apache')).some((e) => e.reason === 'SuccessfulRescale' && e.message.endsWith('reason: All metrics below target'))).toBe(true);
  });
});
