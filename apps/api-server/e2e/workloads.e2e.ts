import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
const header = (output: string, name: string) => output.split('\n').find((line) => line.startsWith('NAME') && output.includes(name)) ?? '';

describe('the real kubectl with StatefulSets, DaemonSets, CronJobs and ControllerRevisions', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('applies the documentation examples', async () => {
    const applied = await Promise.all(['valid/statefulset-web.yaml', 'valid/daemonset-fluentd.yaml', 'valid/cronjob-hello.yaml'].map((f) => kubectl(['apply', '-f', fixture(f)])));
    expect(applied.map((r) => r.stderr)).toEqual(['', '', '']);
    expect(applied.map((r) => r.stdout)).toEqual([
      'service/nginx created\nstatefulset.apps/web created\n',
      'daemonset.apps/fluentd-elasticsearch created\n',
      'cronjob.batch/hello created\n',
    ]);
    expect((await kubectl(['apply', '-f', fixture('valid/statefulset-web.yaml')])).stdout).toBe('service/nginx unchanged\nstatefulset.apps/web unchanged\n');
  });

  it('prints the columns a real cluster prints, and more with -o wide', async () => {
    const r = await kubectl(['get', 'statefulsets,daemonsets,cronjobs']);
    expect(r.stderr).toBe('');
    const blocks = r.stdout.trim().split('\n\n');
    expect(blocks[0]).toMatch(/^NAME\s+READY\s+AGE\nstatefulset\.apps\/web\s+0\/3\s+\d+s$/);
    expect(blocks[1]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\ndaemonset\.apps\/fluentd-elasticsearch\s+0\s+0\s+0\s+0\s+0\s+kubernetes\.io\/os=linux\s+\d+s$/);
    expect(blocks[2]).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\ncronjob\.batch\/hello\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s$/);
    const wide = (await kubectl(['get', 'statefulsets,daemonsets,cronjobs', '-o', 'wide'])).stdout.trim().split('\n\n');
    expect(wide[0]).toMatch(/^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\n.*\s+nginx\s+registry\.k8s\.io\/nginx-slim:0\.24$/);
    expect(header(wide[1], 'daemonset')).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(/\s+fluentd-elasticsearch\s+quay\.io\/fluentd_elasticsearch\/fluentd:v2\.5\.2\s+name=fluentd-elasticsearch$/);
    expect(wide[2]).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n.*\s+hello\s+busybox:1\.28\s+<none>$/);
  });

  it('finds them by short name and in get all', async () => {
    const short = await kubectl(['get', 'sts,ds,cj', '-o', 'name']);
    expect(short.stdout).toBe('statefulset.apps/web\ndaemonset.apps/fluentd-elasticsearch\ncronjob.batch/hello\n');
    const all = (await kubectl(['get', 'all', '-o', 'name'])).stdout.split('\n').filter((line) => !line.startsWith('pod/'));
    expect(all).toEqual(['service/kubernetes', 'service/nginx', 'daemonset.apps/fluentd-elasticsearch', 'statefulset.apps/web', 'cronjob.batch/hello', '']);
  });

  it('lists them in api-resources with their short names', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.stdout).toMatch(/\ncontrollerrevisions\s+apps\/v1\s+true\s+ControllerRevision\n/);
    expect(r.stdout).toMatch(/\ndaemonsets\s+ds\s+apps\/v1\s+true\s+DaemonSet\n/);
    expect(r.stdout).toMatch(/\nstatefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet\n/);
    expect(r.stdout).toMatch(/\ncronjobs\s+cj\s+batch\/v1\s+true\s+CronJob\n/);
  });

  it('scales a StatefulSet through its scale subresource', async () => {
    expect((await kubectl(['scale', 'sts', 'web', '--replicas=1'])).stdout).toBe('statefulset.apps/web scaled\n');
    expect((await kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}'])).stdout).toBe('1 2');
    expect((await kubectl(['scale', 'sts', 'web', '--current-replicas=1', '--replicas=2'])).stdout).toBe('statefulset.apps/web scaled\n');
  });

  it('refuses an invalid schedule, a mismatched selector and a forbidden StatefulSet change with kube-apiserver\'s words', async () => {
    const schedule = await kubectl(['apply', '-f', '-'], { stdin: read('valid/cronjob-hello.yaml').replace('name: hello\n', 'name: bad\n').replace('"* * * * *"', '"61 * * * *"') });
    expect(schedule.code).not.toBe(0);
    expect(schedule.stderr).toContain('The CronJob "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    const statefulSet = read('valid/statefulset-web.yaml').split('---\n')[1];
    const selector = await kubectl(['apply', '-f', '-'], { stdin: statefulSet.replace('name: web\n', 'name: db\n').replace('      labels:\n        app: nginx', '      labels:\n        app: other') });
    expect(selector.stderr).toContain('The StatefulSet "db" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
    const forbidden = await kubectl(['apply', '-f', '-'], { stdin: statefulSet.replace('serviceName: "nginx"', 'serviceName: "other"') });
    expect(forbidden.stderr).toContain(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('creates a CronJob from kubectl create (a protobuf body)', async () => {
    const r = await kubectl(['create', 'cronjob', 'ticker', '--image=busybox', '--schedule=*/1 * * * *']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cronjob.batch/ticker created\n');
    const spec = JSON.parse((await kubectl(['get', 'cj', 'ticker', '-o', 'jsonpath={.spec}'])).stdout);
    expect([spec.schedule, spec.concurrencyPolicy, spec.jobTemplate.spec.template.spec.restartPolicy]).toEqual(['*/1 * * * *', 'Allow', 'OnFailure']);
  });

  it('lists ControllerRevisions by label and shows them in rollout history', async () => {
    const uid = (await kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    const revision = {
      apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.23' }] } } } },
      metadata: { name: 'web-5d8f6c7b9', labels: { app: 'nginx' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller: true, blockOwnerDeletion: true }] },
    };
    expect((await kubectl(['create', '-f', '-'], { stdin: JSON.stringify(revision) })).stdout).toBe('controllerrevision.apps/web-5d8f6c7b9 created\n');
    const listed = await kubectl(['get', 'controllerrevisions', '-l', 'app=nginx']);
    expect(listed.stdout).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE\nweb-5d8f6c7b9\s+statefulset\.apps\/web\s+1\s+\d+s\n$/);
    expect((await kubectl(['get', 'controllerrevisions', '-l', 'app=other'])).stderr).toBe('No resources found in default namespace.\n');
    const history = await kubectl(['rollout', 'history', 'sts/web']);
    expect(history.stderr).toBe('');
    expect(history.stdout).toMatch(/^statefulset\.apps\/web\s*\nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n/);
  });

  it('rolls a StatefulSet back to a revision and restarts a DaemonSet', async () => {
    expect((await kubectl(['rollout', 'undo', 'sts/web', '--to-revision=1'])).stdout).toBe('statefulset.apps/web rolled back\n');
    expect((await kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).stdout).toBe('registry.k8s.io/nginx-slim:0.23');
    expect((await kubectl(['rollout', 'restart', 'ds/fluentd-elasticsearch'])).stdout).toBe('daemonset.apps/fluentd-elasticsearch restarted\n');
    const annotations = JSON.parse((await kubectl(['get', 'ds', 'fluentd-elasticsearch', '-o', 'jsonpath={.spec.template.metadata.annotations}'])).stdout);
    expect(Object.keys(annotations)).toEqual(['kubectl.kubernetes.io/restartedAt']);
  });
});
