import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

describe('the real kubectl against the api-server', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('applies every valid seed example: created, then unchanged', async () => {
    for (const file of ['valid/nginx.yaml', 'valid/my-pod.yaml', 'valid/init-container-example.yaml', 'valid/init-container.yaml', 'valid/livenessprobe.yaml', 'valid/job-hello.yaml', 'valid/deployment-hello.yaml']) {
      const r = await kubectl(['apply', '-f', fixture(file)]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/ created\n$/);
    }
    const again = await kubectl(['apply', '-f', fixture('valid/nginx.yaml')]);
    expect(again.stdout).toBe('pod/nginx unchanged\n');
  });

  it('says configured when the image changes, and refuses a changed container port', async () => {
    const changed = read('valid/my-pod.yaml').replace('my-app:1.0.0', 'my-app:1.0.0-xyz');
    const r = await kubectl(['apply', '-f', '-'], { stdin: changed });
    expect(r.stdout).toBe('pod/my-pod configured\n');
    const image = await kubectl(['get', 'pod', 'my-pod', '-o', 'jsonpath={.spec.containers[0].image}']);
    expect(image.stdout).toBe('my-app:1.0.0-xyz');
    const port = await kubectl(['apply', '-f', '-'], { stdin: changed.replace('3000', '3001') });
    expect(port.code).not.toBe(0);
    expect(port.stderr).toContain('The Pod "my-pod" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`');
  });

  it('refuses the seeds\' mistakes as a real cluster does', async () => {
    const cases: [string, string][] = [
      ['invalid/readinessprobe-misspelled.yaml', 'strict decoding error: unknown field "spec.containers[0].readinessprobe"'],
      ['invalid/poststart-hook-misplaced.yaml', 'strict decoding error: unknown field "spec.lifecycle"'],
      ['invalid/metadate.yaml', 'resource name may not be empty'],
      ['invalid/limitrange-memoty.yaml', 'spec.limits[0].defaultRequest[memoty]: Invalid value: "memoty": must be a standard resource type or fully qualified'],
      ['invalid/container-restartpolicy.yaml', 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
      ['invalid/deployment-onfailure.yaml', 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
      ['invalid/deployment-app-v1.yaml', 'no matches for kind "Deployment" in version "app/v1"'],
      ['invalid/tabs.yaml', 'found character that cannot start any token'],
    ];
    for (const [file, message] of cases) {
      const r = await kubectl(['apply', '-f', fixture(file)]);
      expect(r.code, file).not.toBe(0);
      expect(r.stderr, file).toContain(message);
    }
    const create = await kubectl(['create', '-f', fixture('invalid/metadate.yaml')]);
    expect(create.stderr).toContain('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadate"');
  });

  it('shows pods as tables, wide, and as YAML with the defaults', async () => {
    const table = await kubectl(['get', 'pods']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(table.stdout).toMatch(/\nnginx\s+0\/1\s+Pending\s+0\s+\d+s\n/);
    const wide = await kubectl(['get', 'pods', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    const yaml = (await kubectl(['get', 'pod', 'nginx', '-o', 'yaml'])).stdout;
    for (const line of ['restartPolicy: Always', 'terminationGracePeriodSeconds: 30', 'dnsPolicy: ClusterFirst', 'schedulerName: default-scheduler', 'imagePullPolicy: IfNotPresent', 'protocol: TCP', 'key: node.kubernetes.io/not-ready', 'tolerationSeconds: 300', 'phase: Pending', 'qosClass: BestEffort']) {
      expect(yaml).toContain(line);
    }
    expect((await kubectl(['get', 'pod', 'mynginx'])).stderr).toContain('Error from server (NotFound): pods "mynginx" not found');
  });

  it('applies LimitRange defaults to new pods', async () => {
    expect((await kubectl(['apply', '-f', fixture('valid/limitrange.yaml')])).stdout).toBe('limitrange/demo-limitrange created\n');
    expect((await kubectl(['apply', '-f', fixture('valid/mynginx.yaml')])).stdout).toBe('pod/mynginx created\n');
    const resources = JSON.parse((await kubectl(['get', 'pod', 'mynginx', '-o', 'jsonpath={.spec.containers[0].resources}'])).stdout);
    expect(resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '200m', memory: '128Mi' } });
  });

  it('streams changes to get -w from another kubectl', async () => {
    const watch = kubectl.spawn(['get', 'pods', '-w']);
    try {
      await waitFor(() => watch.output().includes('nginx'), 'the initial list');
      await kubectl(['label', 'pod', 'nginx', 'tier=web']);
      await kubectl(['delete', 'pod', 'livenessprobe']);
      await waitFor(() => (watch.output().match(/livenessprobe/g) ?? []).length >= 2, 'the deletion to stream');
    } finally {
      watch.stop();
    }
  });

  it('describes, lists events, deletes, lists api-resources and explains', async () => {
    const describe = await kubectl(['describe', 'pod', 'nginx']);
    expect(describe.stdout).toMatch(/Name:\s+nginx/);
    expect(describe.stdout).toMatch(/Image:\s+nginx:1\.14\.2/);
    expect(describe.stdout).toMatch(/Port:\s+80\/TCP/);
    expect((await kubectl(['get', 'events'])).code).toBe(0);
    expect((await kubectl(['delete', 'pod', 'nginx'])).stdout).toBe('pod "nginx" deleted\n');
    expect((await kubectl(['get', 'pod', 'nginx'])).code).not.toBe(0);
    const resources = (await kubectl(['api-resources'])).stdout;
    expect(resources).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\n/);
    expect(resources).toMatch(/\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
    const explain = await kubectl(['explain', 'pod.spec.restartPolicy']);
    expect(explain.stdout).toContain('FIELD: restartPolicy <string>');
  });

  it('applies server-side, warns instead of refusing with --validate=warn, and explains why logs are not there', async () => {
    const manifest = read('valid/nginx.yaml').replace('name: nginx\n', 'name: ssa\n');
    expect((await kubectl(['apply', '--server-side', '-f', '-'], { stdin: manifest })).stdout).toBe('pod/ssa serverside-applied\n');
    expect((await kubectl(['apply', '--server-side', '-f', '-'], { stdin: manifest.replace('nginx:1.14.2', 'nginx:1.25') })).stdout).toBe('pod/ssa serverside-applied\n');
    expect((await kubectl(['get', 'pod', 'ssa', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout).toBe('nginx:1.25');
    const warned = await kubectl(['create', '--validate=warn', '-f', fixture('invalid/readinessprobe-misspelled.yaml')]);
    expect(warned.stdout).toBe('pod/readinessprobe created\n');
    expect(warned.stderr).toContain('Warning: unknown field "spec.containers[0].readinessprobe"');
    const logs = await kubectl(['logs', 'ssa']);
    expect(logs.stderr).toContain('is waiting to start: the pod is not scheduled to a node yet');
  });

  it('shows deployments, jobs, namespaces, services and limitranges with their columns', async () => {
    expect((await kubectl(['get', 'deployments'])).stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect((await kubectl(['get', 'jobs'])).stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect((await kubectl(['get', 'namespaces'])).stdout).toMatch(/kube-node-lease\s+Active/);
    expect((await kubectl(['get', 'services'])).stdout).toMatch(/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    expect((await kubectl(['get', 'limitranges'])).stdout).toMatch(/demo-limitrange\s+\d{4}-/);
  });

  it('allocates node ports as kube-apiserver does: drawn from the range, a taken one refused, given on a type change and let go on the way back', async () => {
    const nodePortOf = async (name: string) => Number((await kubectl(['get', 'svc', name, '-o', 'jsonpath={.spec.ports[0].nodePort}'])).stdout);
    expect((await kubectl(['create', 'service', 'nodeport', 'np-drawn', '--tcp=80:8080'])).code).toBe(0);
    const drawn = await nodePortOf('np-drawn');
    expect(drawn).toBeGreaterThanOrEqual(30086);
    expect(drawn).toBeLessThanOrEqual(32767);
    const taken = await kubectl(['create', 'service', 'nodeport', 'np-taken', '--tcp=80:8080', `--node-port=${drawn}`]);
    expect(taken.stderr).toBe(`error: failed to create NodePort service: Service "np-taken" is invalid: spec.ports[0].nodePort: Invalid value: ${drawn}: provided port is already allocated\n`);
    const outside = await kubectl(['create', 'service', 'nodeport', 'np-outside', '--tcp=80:8080', '--node-port=8080']);
    expect(outside.stderr).toBe('error: failed to create NodePort service: Service "np-outside" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
    expect((await kubectl(['create', 'service', 'nodeport', 'np-asked', '--tcp=80:8080', '--node-port=30080'])).code).toBe(0);
    expect(await nodePortOf('np-asked')).toBe(30080);

    expect((await kubectl(['create', 'service', 'clusterip', 'np-changed', '--tcp=80:8080'])).code).toBe(0);
    expect((await kubectl(['patch', 'svc', 'np-changed', '-p', '{"spec":{"type":"NodePort"}}'])).code).toBe(0);
    const given = await nodePortOf('np-changed');
    expect(given).toBeGreaterThanOrEqual(30086);
    expect((await kubectl(['get', 'svc', 'np-changed', '--no-headers'])).stdout).toMatch(new RegExp(`^np-changed +NodePort +10\\.\\d+\\.\\d+\\.\\d+ +<none> +80:${given}/TCP +`));
    expect(await kubectl(['patch', 'svc', 'np-changed', '-p', '{"spec":{"type":"ClusterIP"}}'])).toMatchObject({ stderr: '', code: 0 });
    expect((await kubectl(['get', 'svc', 'np-changed', '-o', 'jsonpath={.spec.type} {.spec.ports[0].nodePort}'])).stdout).toBe('ClusterIP ');
    expect((await kubectl(['delete', 'svc', 'np-drawn', 'np-asked', 'np-changed'])).code).toBe(0);
  });

  it('serves PriorityClasses: built-in ones, a new one, and pods that take its priority', async () => {
    const manifest = [
      'apiVersion: scheduling.k8s.io/v1',
      'kind: PriorityClass',
      'metadata:',
      '  name: high-priority',
      'value: 1000000',
      'description: for the important pods',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: important',
      'spec:',
      '  priorityClassName: high-priority',
      '  containers:',
      '  - name: nginx',
      '    image: nginx:1.14.2',
      '',
    ].join('\n');
    const applied = await kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('priorityclass.scheduling.k8s.io/high-priority created\npod/important created\n');
    const table = (await kubectl(['get', 'pc'])).stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY$/);
    expect(table.slice(1, 4)).toEqual([
      expect.stringMatching(/^high-priority\s+1000000\s+false\s+\d+s\s+PreemptLowerPriority$/),
      expect.stringMatching(/^system-cluster-critical\s+2000000000\s+false\s+\d+s\s+PreemptLowerPriority$/),
      expect.stringMatching(/^system-node-critical\s+2000001000\s+false\s+\d+s\s+PreemptLowerPriority$/),
    ]);
    const spec = await kubectl(['get', 'pod', 'important', '-o', 'jsonpath={.spec.priority} {.spec.preemptionPolicy}']);
    expect(spec.stdout).toBe('1000000 PreemptLowerPriority');
    const unknown = await kubectl(['apply', '-f', '-'], { stdin: manifest.split('---\n')[1].replace('important', 'stray').replace('high-priority', 'foo') });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('pods "stray" is forbidden: no PriorityClass with name foo was found');
    const reserved = await kubectl(['apply', '-f', '-'], { stdin: manifest.split('---\n')[0].replace('high-priority', 'system-mine') });
    expect(reserved.stderr).toContain("priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class");
  });
});
