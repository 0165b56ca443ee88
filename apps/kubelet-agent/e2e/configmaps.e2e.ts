import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const busybox = (name: string, script: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', script], ...container }], ...spec },
});

describe('pods reading ConfigMaps and Secrets (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  const status = async (name: string) => (await lab.kubectl(['get', 'pod', name, '--no-headers'])).stdout.trim().split(/\s+/)[2];
  const apply = async (manifest: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');

  beforeAll(async () => {
    lab = await sharedLab('configmaps');
  });
  afterAll(() => lab?.stop());

  it('gives a container environment from a ConfigMap and a Secret, and files from a configMap volume', async () => {
    await lab.kubectl(['create', 'configmap', 'app', '--from-literal=color=blue', '--from-literal=size=2']);
    await lab.kubectl(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cret']);
    // A ConfigMap file has no newline at its end: as with containerd, the log line ends at the echo.
    await apply(busybox('reader', 'echo color=$COLOR; echo pw=$PASSWORD; echo pod=$POD; cat /etc/config/size; echo; sleep 3600', {
      volumes: [{ name: 'cfg', configMap: { name: 'app' } }],
    }, {
      env: [
        { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app', key: 'color' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }],
    }));
    await waitFor(async () => (await status('reader')) === 'Running', 'reader Running', 15_000);
    const logs = await waitFor(async () => {
      const out = (await lab.kubectl(['logs', 'reader'])).stdout;
      return out.includes('2') && out;
    }, 'its output', 10_000);
    expect(logs.trim()).toBe('color=blue\npw=s3cret\npod=reader\n2');
  });

  it('updates a running pod\'s configMap and secret volume files when their sources change, but not its environment', async () => {
    await lab.kubectl(['create', 'configmap', 'live', '--from-literal=color=blue', '--from-literal=gone=soon']);
    await lab.kubectl(['create', 'secret', 'generic', 'live-secret', '--from-literal=token=one']);
    await apply(busybox('follower', 'sleep 3600', {
      volumes: [{ name: 'cfg', configMap: { name: 'live' } }, { name: 'sec', projected: { sources: [{ secret: { name: 'live-secret' } }] } }],
    }, {
      env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'live', key: 'color' } } }],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }, { name: 'sec', mountPath: '/etc/secret' }],
    }));
    await waitFor(async () => (await status('follower')) === 'Running', 'follower Running', 15_000);
    const read = async () => (await lab.kubectl(['exec', 'follower', '--', 'sh', '-c', 'echo $COLOR; ls /etc/config; cat /etc/config/color /etc/secret/token'])).stdout;
    expect(await read()).toBe('blue\ncolor\ngone\nblueone');
    const edit = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { color: 'green', added: 'yes' } });
    expect((await lab.kubectl(['replace', '-f', '-'], { stdin: edit })).code).toBe(0);
    expect((await lab.kubectl(['patch', 'secret', 'live-secret', '-p', JSON.stringify({ stringData: { token: 'two' } })])).code).toBe(0);
    // The environment was set when the container started; the files follow their sources.
    await waitFor(async () => (await read()) === 'blue\nadded\ncolor\ngreentwo', 'the files updated', 15_000);
  });

  it('holds a container in CreateContainerConfigError while its ConfigMap is missing, and starts it once it exists', async () => {
    await apply(busybox('early', 'echo mode=$mode; sleep 3600', {}, { envFrom: [{ configMapRef: { name: 'later' } }] }));
    await waitFor(async () => (await status('early')) === 'CreateContainerConfigError', 'CreateContainerConfigError', 15_000);
    const described = (await lab.kubectl(['describe', 'pod', 'early'])).stdout;
    expect(described).toContain('Error: configmap "later" not found');
    await lab.kubectl(['create', 'configmap', 'later', '--from-literal=mode=fast']);
    await waitFor(async () => (await status('early')) === 'Running', 'early Running', 20_000);
    expect(await waitFor(async () => (await lab.kubectl(['logs', 'early'])).stdout || undefined, 'its output', 10_000)).toBe('mode=fast\n');
  });

  it('keeps a pod ContainerCreating with FailedMount while its volume\'s Secret is missing', async () => {
    await apply(busybox('mounted', 'cat /creds/token; echo; sleep 3600', { volumes: [{ name: 'creds', secret: { secretName: 'api-token' } }] }, {
      volumeMounts: [{ name: 'creds', mountPath: '/creds' }],
    }));
    const events = await waitFor(async () => {
      const out = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=mounted,reason=FailedMount'])).stdout;
      return out.includes('MountVolume.SetUp failed for volume "creds" : secret "api-token" not found') && out;
    }, 'FailedMount', 15_000);
    expect(events).toContain('Warning');
    expect(await status('mounted')).toBe('ContainerCreating');
    await lab.kubectl(['create', 'secret', 'generic', 'api-token', '--from-literal=token=abc']);
    await waitFor(async () => (await lab.kubectl(['logs', 'mounted'])).stdout.trim() === 'abc', 'the token read from the volume', 20_000);
  });
});
