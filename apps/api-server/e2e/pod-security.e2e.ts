import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const pod = (name: string, securityContext = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx
${securityContext}`;

const privileged = `    securityContext:
      privileged: true
`;

const hardened = `    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
      runAsNonRoot: true
      runAsUser: 1000
      seccompProfile:
        type: RuntimeDefault
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
`;

const restrictedDetail = 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
  + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
  + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
  + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';
const restrictedReasons = 'allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile';
const label = (mode: string, value: string) => `pod-security.kubernetes.io/${mode}=${value}`;

describe('Pod Security admission with the real kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  const namespace = async (name: string, ...labels: string[]) => {
    expect((await kubectl(['create', 'namespace', name])).code).toBe(0);
    if (labels.length > 0) expect(await kubectl(['label', 'namespace', name, ...labels])).toMatchObject({ code: 0, stderr: '' });
  };

  it('refuses a default and a privileged pod under enforce=restricted, and stores neither', async () => {
    await namespace('locked', label('enforce', 'restricted'));
    const plain = await kubectl(['apply', '-n', 'locked', '-f', '-'], { stdin: pod('plain') });
    expect(plain).toMatchObject({ code: 1, stdout: '' });
    expect(plain.stderr).toBe(`Error from server (Forbidden): error when creating "STDIN": pods "plain" is forbidden: violates PodSecurity "restricted:latest": ${restrictedDetail}\n`);
    const root = await kubectl(['run', 'root', '-n', 'locked', '--image=nginx', '--privileged']);
    expect(root.stderr).toBe(
      'Error from server (Forbidden): pods "root" is forbidden: violates PodSecurity "restricted:latest": privileged (container "root" must not set securityContext.privileged=true), '
      + restrictedDetail.replaceAll('"c"', '"root"') + '\n',
    );
    expect((await kubectl(['get', 'pods', '-n', 'locked'])).stderr).toBe('No resources found in locked namespace.\n');
  });

  it('refuses the same way on a server-side dry run', async () => {
    const r = await kubectl(['create', '-n', 'locked', '--dry-run=server', '-f', '-'], { stdin: pod('dry') });
    expect(r.stderr).toBe(`Error from server (Forbidden): error when creating "STDIN": pods "dry" is forbidden: violates PodSecurity "restricted:latest": ${restrictedDetail}\n`);
  });

  it('admits a pod that meets restricted', async () => {
    expect(await kubectl(['apply', '-n', 'locked', '-f', '-'], { stdin: pod('hardened', hardened) })).toMatchObject({ code: 0, stdout: 'pod/hardened created\n', stderr: '' });
  });

  it('admits with a warning under warn=restricted, dry run or not', async () => {
    await namespace('warned', label('warn', 'restricted'));
    const warning = `Warning: would violate PodSecurity "restricted:latest": ${restrictedDetail}\n`;
    expect(await kubectl(['apply', '-n', 'warned', '--dry-run=server', '-f', '-'], { stdin: pod('plain') })).toMatchObject({ code: 0, stdout: 'pod/plain created (server dry run)\n', stderr: warning });
    expect(await kubectl(['apply', '-n', 'warned', '-f', '-'], { stdin: pod('plain') })).toMatchObject({ code: 0, stdout: 'pod/plain created\n', stderr: warning });
  });

  it('creates a Deployment with a violating template in an enforce namespace, warning only when warn is set', async () => {
    expect(await kubectl(['apply', '-n', 'locked', '-f', '-'], { stdin: deployment })).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    await namespace('guarded', label('enforce', 'restricted'), label('warn', 'restricted'));
    expect(await kubectl(['apply', '-n', 'guarded', '-f', '-'], { stdin: deployment })).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web created\n',
      stderr: `Warning: would violate PodSecurity "restricted:latest": ${restrictedDetail}\n`,
    });
  });

  it('warns about existing pods when a namespace gets a stricter enforce level', async () => {
    await namespace('legacy');
    for (const name of ['web-2', 'web-1']) expect((await kubectl(['apply', '-n', 'legacy', '-f', '-'], { stdin: pod(name) })).code).toBe(0);
    expect((await kubectl(['apply', '-n', 'legacy', '-f', '-'], { stdin: pod('root', privileged) })).code).toBe(0);
    expect(await kubectl(['label', 'namespace', 'legacy', label('enforce', 'baseline')])).toMatchObject({
      code: 0,
      stdout: 'namespace/legacy labeled\n',
      stderr: 'Warning: existing pods in namespace "legacy" violate the new PodSecurity enforce level "baseline:latest"\nWarning: root: privileged\n',
    });
    expect(await kubectl(['label', 'namespace', 'legacy', '--overwrite', label('enforce', 'restricted')])).toMatchObject({
      code: 0,
      stdout: 'namespace/legacy labeled\n',
      stderr: 'Warning: existing pods in namespace "legacy" violate the new PodSecurity enforce level "restricted:latest"\n'
        + `Warning: root: privileged, ${restrictedReasons}\n`
        + `Warning: web-1 (and 1 other pod): ${restrictedReasons}\n`,
    });
    expect(await kubectl(['label', 'namespace', 'legacy', '--overwrite', label('enforce', 'baseline')])).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses an invalid level, and leaves the namespace as it was', async () => {
    const r = await kubectl(['label', 'namespace', 'legacy', '--overwrite', label('enforce', 'strict')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The Namespace "legacy" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted\n');
    const labels = await kubectl(['get', 'namespace', 'legacy', '-o', 'jsonpath={.metadata.labels.pod-security\\.kubernetes\\.io/enforce}']);
    expect(labels.stdout).toBe('baseline');
  });
});
