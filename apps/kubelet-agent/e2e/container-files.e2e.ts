import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pod = (name: string, script: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'files', tier: 'demo' } },
  spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', script], ...container }], ...spec },
});

describe('the files a container has (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  const phase = async (name: string) => JSON.parse((await lab.kubectl(['get', 'pod', name, '-o', 'json'])).stdout || '{}').status?.phase;
  const run = async (manifest: string, name: string) => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
    await waitFor(async () => (await phase(name)) === 'Succeeded', `${name} to succeed`, 20_000);
    return (await lab.kubectl(['logs', name])).stdout;
  };

  beforeAll(async () => {
    lab = await sharedLab('container-files');
  });
  afterAll(() => lab?.stop());

  it('has the kubelet\'s /etc/hosts with hostAliases, the cluster resolv.conf and spec.hostname as its hostname', async () => {
    const logs = await run(pod('hosts', 'cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; cat /etc/hostname; echo $HOSTNAME', {
      hostname: 'web-0', subdomain: 'web', hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote'] }],
    }), 'hosts');
    const ip = JSON.parse((await lab.kubectl(['get', 'pod', 'hosts', '-o', 'json'])).stdout).status.podIP;
    expect(logs).toBe([
      '# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters',
      `${ip}\tweb-0.web.${lab.namespace}.svc.cluster.local\tweb-0`, '', '# Entries added by HostAliases.', '10.1.2.3\tfoo.remote',
      '---', `search ${lab.namespace}.svc.cluster.local svc.cluster.local cluster.local`, 'nameserver 10.96.0.10', 'options ndots:5',
      '---', 'web-0', 'web-0', '',
    ].join('\n'));
  });

  it('mounts the ServiceAccount\'s token and namespace, and a downwardAPI volume of labels and limits', async () => {
    // One write: the log keeps each write of a line without its newline as a line of its own.
    const logs = await run(pod('sa', 'echo "$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)|$(cat /etc/podinfo/labels)|$(cat /etc/podinfo/mem)"', {
      volumes: [{ name: 'podinfo', downwardAPI: { items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'mem', resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1Mi' } },
      ] } }],
    }, { resources: { limits: { memory: '64Mi' } }, volumeMounts: [{ name: 'podinfo', mountPath: '/etc/podinfo' }] }), 'sa');
    expect(logs).toBe(`${lab.namespace}|app="files"\ntier="demo"|64\n`);
    const token = await run(pod('token', 'cat /var/run/secrets/kubernetes.io/serviceaccount/token'), 'token');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: `system:serviceaccount:${lab.namespace}:default`, 'kubernetes.io': { namespace: lab.namespace, pod: { name: 'token' } } });
  });

  it('gives the kubernetes Service\'s variables, as the documentation\'s commands example prints them', async () => {
    const logs = await run(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'command-demo' },
      spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.28', command: ['printenv'], args: ['HOSTNAME', 'KUBERNETES_PORT'] }] },
    }), 'command-demo');
    expect(logs).toBe('command-demo\ntcp://10.96.0.1:443\n');
  });
});
