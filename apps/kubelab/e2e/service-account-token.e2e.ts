/**
 * A pod's own ServiceAccount token, as on a real cluster: admission mounts the kube-api-access
 * volume, the kubelet-agent fills it with a token the api-server signed for the pod (accepted
 * by kubectl --token from outside), and from inside the pod busybox wget and curl reach
 * https://kubernetes.default.svc and get what RBAC allows that token: a 403 in kube-apiserver's
 * words, then the PodList once a Role and RoleBinding grant it; the documentation's "Accessing
 * the Kubernetes API from a Pod" example prints the APIVersions; a projected token of its own
 * audience is rotated at 80% of its lifetime, in lab time; a pod that opts out has nothing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sharedLab, sharedLabOptions, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The shared lab's: the 600 s token of the vault pod is due for rotation after 480 lab seconds (24 s of wall time at 20). */
const timeScale = sharedLabOptions.timeScale;
const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
const sleeper = (name: string, image: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image, command: ['sleep', '3600'], ...container }], ...spec },
});
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe(`ServiceAccount tokens in pods, and the API from inside them (time scale ${timeScale}, the real kubectl)`, () => {
  let lab: TestLab;
  const podsUrl = () => `https://kubernetes.default.svc/api/v1/namespaces/${lab.namespace}/pods`;
  const exec = (pod: string, script: string) => lab.kubectl(['exec', pod, '--', 'sh', '-c', script], { timeoutMs: 30_000 });

  beforeAll(async () => {
    lab = await sharedLab('service-account-token');
    const vault = { name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } };
    const pods = [
      sleeper('api-client', 'busybox:1.36'),
      sleeper('curl', 'curlimages/curl:8.11.1'),
      sleeper('no-token', 'busybox:1.36', { automountServiceAccountToken: false }),
      sleeper('vault', 'busybox:1.36', { volumes: [vault] }, { volumeMounts: [{ name: 'vault-token', mountPath: '/var/run/secrets/vault' }] }),
    ];
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }) });
    expect(applied.stderr).toBe('');
    for (const { metadata } of pods) {
      await waitFor(async () => (await lab.kubectl(['get', 'pod', metadata.name, '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', `${metadata.name} to run`, 60_000, 200);
    }
  }, 120_000);
  afterAll(() => lab?.stop());

  it('admission gives each pod the kube-api-access volume and mount as kube-apiserver 1.32 does, and none to a pod that opts out', async () => {
    const spec = JSON.parse((await lab.kubectl(['get', 'pod', 'api-client', '-o', 'jsonpath={.spec}'])).stdout);
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    const [volume] = spec.volumes;
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    expect(spec.containers[0].volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath: sa }]);
    const optedOut = JSON.parse((await lab.kubectl(['get', 'pod', 'no-token', '-o', 'jsonpath={.spec}'])).stdout);
    expect(optedOut.volumes).toBeUndefined();
    expect(optedOut.containers[0].volumeMounts).toBeUndefined();
    expect(await exec('no-token', `ls ${sa}`)).toMatchObject({ code: 1, stderr: `ls: ${sa}: No such file or directory\ncommand terminated with exit code 1\n` });
  });

  it('mounts a token the api-server signed for the pod, which kubectl --token accepts from outside, with the lab CA and the namespace', async () => {
    const token = (await exec('api-client', `cat ${sa}/token`)).stdout;
    const pod = JSON.parse((await lab.kubectl(['get', 'pod', 'api-client', '-o', 'json'])).stdout);
    expect(claimsOf(token)).toMatchObject({
      sub: `system:serviceaccount:${lab.namespace}:default`, aud: ['https://kubernetes.default.svc.cluster.local'],
      'kubernetes.io': { namespace: lab.namespace, pod: { name: 'api-client', uid: pod.metadata.uid }, serviceaccount: { name: 'default' } },
    });
    expect((await exec('api-client', `cat ${sa}/ca.crt`)).stdout).toBe(lab.credentials.ca);
    expect((await exec('api-client', `cat ${sa}/namespace`)).stdout).toBe(lab.namespace);
    const cache = tempDir('kubectl-token');
    const whoami = spawnSync('kubectl', ['--kubeconfig', '/dev/null', '--server', lab.apiUrl, '--certificate-authority', join(lab.dataDir, 'pki', 'ca.crt'), '--token', token, '--cache-dir', cache, 'auth', 'whoami'], { encoding: 'utf8', timeout: 20_000 });
    expect(whoami.stdout, whoami.stderr).toMatch(new RegExp(`^Username +system:serviceaccount:${lab.namespace}:default$`, 'm'));
  });

  it('busybox wget reaches the API with the token: 403 in kube-apiserver\'s words until a Role and RoleBinding grant it, then the PodList', async () => {
    const wget = `wget -qO- --header "Authorization: Bearer $(cat ${sa}/token)" ${podsUrl()}`;
    expect(await exec('api-client', wget)).toEqual({
      code: 1, stdout: '', stderr: 'wget: note: TLS certificate validation not implemented\nwget: server returned error: HTTP/1.1 403 Forbidden\ncommand terminated with exit code 1\n',
    });
    const refused = await exec('curl', `curl -sk -H "Authorization: Bearer $(cat ${sa}/token)" ${podsUrl()}`);
    const forbidden = `pods is forbidden: User \\"system:serviceaccount:${lab.namespace}:default\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"${lab.namespace}\\"`;
    expect(refused.stdout).toContain(`"message": "${forbidden}",`);
    expect(JSON.parse(refused.stdout)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect((await lab.kubectl(['create', 'role', 'pod-reader', '--verb=list', '--resource=pods'])).code).toBe(0);
    expect((await lab.kubectl(['create', 'rolebinding', 'default-reads-pods', '--role=pod-reader', `--serviceaccount=${lab.namespace}:default`])).code).toBe(0);
    const allowed = await exec('api-client', wget);
    expect(allowed.code, allowed.stderr).toBe(0);
    const list = JSON.parse(allowed.stdout);
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(expect.arrayContaining(['api-client', 'curl', 'no-token', 'vault']));
    const anonymous = await exec('curl', `curl -sk ${podsUrl()}`);
    expect(anonymous.stdout).toContain('User \\"system:anonymous\\" cannot list resource \\"pods\\"');
  });

  it('runs the documentation\'s "Accessing the Kubernetes API from a Pod" example in curlimages/curl, and curl refuses the lab CA it was not given', async () => {
    const example = [
      'APISERVER=https://kubernetes.default.svc',
      'SERVICEACCOUNT=/var/run/secrets/kubernetes.io/serviceaccount',
      'NAMESPACE=$(cat ${SERVICEACCOUNT}/namespace)',
      'TOKEN=$(cat ${SERVICEACCOUNT}/token)',
      'CACERT=${SERVICEACCOUNT}/ca.crt',
      'curl --cacert ${CACERT} --header "Authorization: Bearer ${TOKEN}" -X GET ${APISERVER}/api',
    ].join('\n');
    const result = await exec('curl', example);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\{\n {2}"kind": "APIVersions",\n {2}"versions": \[\n {4}"v1"\n {2}\],\n {2}"serverAddressByClientCIDRs": \[\n/);
    const untrusted = await exec('curl', 'curl https://kubernetes.default.svc.cluster.local/api');
    expect(untrusted.code).toBe(60);
    expect(untrusted.stderr).toMatch(/^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\n/);
    const env = (await exec('curl', 'echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT')).stdout;
    expect(env).toBe(`${(await lab.kubectl(['get', 'service', 'kubernetes', '-n', 'default', '-o', 'jsonpath={.spec.clusterIP}'])).stdout}:443\n`);
  });

  it('rotates a projected token of its own audience once 80% of its 600 s have passed in lab time', async () => {
    const read = async () => (await exec('vault', 'cat /var/run/secrets/vault/token')).stdout;
    const first = await read();
    expect(claimsOf(first).aud).toEqual(['vault']);
    const next = await waitFor(async () => {
      const now = await read();
      return now !== first && now;
    }, 'the vault token to be rotated', (600 * 1000) / timeScale + 10_000, 500);
    expect(claimsOf(next).iat).toBeGreaterThan(claimsOf(first).iat);
    expect(claimsOf(next).aud).toEqual(['vault']);
  }, (600 * 1000) / timeScale + 20_000);
});
