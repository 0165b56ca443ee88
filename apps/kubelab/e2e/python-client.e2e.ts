/**
 * Objects as Go's structs give them, read by a client built from the OpenAPI document: Debian's
 * python3-kubernetes refuses an object that lacks a field the document marks required
 * ("Invalid value for `replicas`, must not be `None`"), and kube-apiserver always writes those,
 * as fields without omitempty. The client creates a ReplicationController and a
 * HorizontalPodAutoscaler (autoscaling/v1: the client predates v2), whose new statuses hold
 * nothing but those fields, then lists and reads them; and `args: [null]` comes back as Go
 * decodes it, `[""]`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedLab, tempDir, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Creates, lists and reads each object with the typed client, printing what it decoded. */
const pythonClient = `
import json, sys
from kubernetes import client, config
config.load_kube_config(config_file=sys.argv[1])
ns = sys.argv[2]
rc, hpa = json.loads(sys.argv[3]), json.loads(sys.argv[4])
core = client.CoreV1Api()
autoscaling = client.AutoscalingV1Api()
print("CREATED ReplicationController", core.create_namespaced_replication_controller(ns, rc).status.replicas, flush=True)
for item in core.list_namespaced_replication_controller(ns).items:
    print("LISTED ReplicationController", item.metadata.name, item.status.replicas, flush=True)
print("READ ReplicationController", core.read_namespaced_replication_controller("py-rc", ns).status.replicas, flush=True)
print("CREATED HorizontalPodAutoscaler", autoscaling.create_namespaced_horizontal_pod_autoscaler(ns, hpa).status.desired_replicas, flush=True)
for item in autoscaling.list_namespaced_horizontal_pod_autoscaler(ns).items:
    print("LISTED HorizontalPodAutoscaler", item.metadata.name, flush=True)
print("READ HorizontalPodAutoscaler", autoscaling.read_namespaced_horizontal_pod_autoscaler("py-hpa", ns).metadata.name, flush=True)
`;

const rc = {
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'py-rc' },
  spec: { replicas: 0, selector: { app: 'py' }, template: { metadata: { labels: { app: 'py' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } },
};
const hpa = {
  apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'py-hpa' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'py-none' }, minReplicas: 1, maxReplicas: 2 },
};

describe('objects as Go writes them, read by the Python client', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('python-client');
  }, 120_000);
  afterAll(() => lab?.stop());

  it('creates, lists and reads a ReplicationController and a HorizontalPodAutoscaler', () => {
    const script = join(tempDir('python'), 'client.py');
    writeFileSync(script, pythonClient);
    const args = [script, join(lab.dataDir, 'kubeconfig'), lab.namespace, JSON.stringify(rc), JSON.stringify(hpa)];
    const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Traceback|Error/);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'CREATED ReplicationController 0',
      'LISTED ReplicationController py-rc 0',
      'READ ReplicationController 0',
      expect.stringMatching(/^CREATED HorizontalPodAutoscaler \d+$/),
      'LISTED HorizontalPodAutoscaler py-hpa',
      'READ HorizontalPodAutoscaler py-hpa',
    ]);
  });

  it('decodes args: [null] as Go does, to an empty string', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'py-null-arg' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], args: [null] }] } };
    const created = await lab.kubectl(['create', '-f', '-'], { stdin: JSON.stringify(pod) });
    expect(created.code, created.stderr).toBe(0);
    const args = await lab.kubectl(['get', 'pod', 'py-null-arg', '-o', 'jsonpath={.spec.containers[0].args}']);
    expect(args.stdout).toBe('[""]');
  });
});
