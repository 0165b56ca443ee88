import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const claim = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => JSON.stringify({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const staticVolume = (name: string, size: string, labels?: Record<string, string>) => JSON.stringify({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(labels ? { labels } : {}) },
  spec: { storageClassName: 'manual', capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` } },
});

describe('the storage control plane with the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  const kubectl = (...args: string[]) => lab.kubectl(args);
  const apply = async (manifest: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
  const json = async (...args: string[]) => JSON.parse((await kubectl('get', ...args, '-o', 'json')).stdout);
  const row = async (...args: string[]) => (await kubectl('get', ...args, '--no-headers')).stdout;
  const phaseOf = async (kind: string, name: string) => (await kubectl('get', kind, name, '-o', 'jsonpath={.status.phase}')).stdout;
  const until = (what: string, check: () => Promise<boolean>) => waitFor(async () => (await check()) || undefined, what);
  const described = (kind: string, name: string) => kubectl('describe', kind, name).then((r) => r.stdout);

  beforeAll(async () => {
    lab = await sharedLab('storage');
  });
  afterAll(async () => {
    // The static volumes are cluster-scoped and outlive the suite's namespace.
    if (lab) await lab.kubectl(['delete', 'pv', 'storage-pv-small', 'storage-pv-gold', '--ignore-not-found', '--wait=false']);
    lab?.stop();
  });

  it('lists the default StorageClass as kind does, and the shared one', async () => {
    const classes = (await kubectl('get', 'sc')).stdout;
    expect(classes).toMatch(/^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE$/m);
    expect(classes).toMatch(/^standard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\S+$/m);
    expect(classes).toMatch(/^shared\s+kubelab\.dev\/shared\s+Delete\s+Immediate\s+true\s+\S+$/m);
  });

  it('binds a claim on shared to a dynamically provisioned volume, grows it, and deletes the volume with the claim', async () => {
    await apply(claim('data', { storageClassName: 'shared', accessModes: ['ReadWriteMany'] }));
    await until('data Bound', async () => (await phaseOf('pvc', 'data')) === 'Bound');
    const pvc = await json('pvc', 'data');
    const volumeName = `pvc-${pvc.metadata.uid}`;
    expect(pvc.spec.volumeName).toBe(volumeName);
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'kubelab.dev/shared', 'volume.beta.kubernetes.io/storage-provisioner': 'kubelab.dev/shared',
    });
    expect(await row('pvc', 'data')).toMatch(new RegExp(`^data\\s+Bound\\s+${volumeName}\\s+1Gi\\s+RWX\\s+shared\\s+<unset>\\s+\\S+\\s*$`));
    expect(await row('pv', volumeName)).toMatch(new RegExp(`^${volumeName}\\s+1Gi\\s+RWX\\s+Delete\\s+Bound\\s+${lab.namespace}/data\\s+shared\\s+<unset>\\s+\\S+\\s*$`));
    const pv = await json('pv', volumeName);
    expect(pv.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'kubelab.dev/shared' });
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.spec.nodeAffinity).toBeUndefined();
    expect(pv.spec.nfs).toEqual({ server: 'shared.kubelab.dev', path: `/shared/${lab.namespace}-data-${volumeName}` });
    const events = await described('pvc', 'data');
    expect(events).toMatch(/Normal\s+ExternalProvisioning\s+.*persistentvolume-controller\s+Waiting for a volume to be created either by the external provisioner 'kubelab\.dev\/shared'/);
    expect(events).toMatch(new RegExp(`Normal\\s+Provisioning\\s+.*kubelab\\.dev/shared_\\S+\\s+External provisioner is provisioning volume for claim "${lab.namespace}/data"`));
    expect(events).toMatch(new RegExp(`Normal\\s+ProvisioningSucceeded\\s+.*Successfully provisioned volume ${volumeName}`));

    expect((await kubectl('patch', 'pvc', 'data', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}')).stdout).toBe('persistentvolumeclaim/data patched\n');
    await until('data grown to 2Gi', async () => /^data\s+Bound\s+\S+\s+2Gi\s/.test(await row('pvc', 'data')));
    expect((await json('pv', volumeName)).spec.capacity.storage).toBe('2Gi');
    const resized = await described('pvc', 'data');
    expect(resized).toMatch(/Warning\s+ExternalExpanding\s+.*volume_expand\s+waiting for an external controller to expand this PVC/);
    expect(resized).toMatch(new RegExp(`Normal\\s+Resizing\\s+.*external-resizer kubelab\\.dev/shared\\s+External resizer is resizing volume ${volumeName}`));
    expect(resized).toMatch(/Normal\s+VolumeResizeSuccessful\s+.*external-resizer kubelab\.dev\/shared\s+Resize volume succeeded/);
    expect((await kubectl('patch', 'pvc', 'data', '-p', '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}')).stderr).toBe(
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n',
    );

    expect((await kubectl('delete', 'pvc', 'data')).stdout).toBe('persistentvolumeclaim "data" deleted\n');
    await until(`${volumeName} deleted with its claim`, async () => (await kubectl('get', 'pv', volumeName)).stderr.includes('NotFound'));
  });

  it('binds a static volume chosen by a label selector, and leaves it Released under Retain when the claim goes', async () => {
    await apply(staticVolume('storage-pv-small', '1Gi'));
    await apply(staticVolume('storage-pv-gold', '5Gi', { tier: 'gold' }));
    await until('static volumes Available', async () => (await phaseOf('pv', 'storage-pv-gold')) === 'Available' && (await phaseOf('pv', 'storage-pv-small')) === 'Available');
    await apply(claim('static', { storageClassName: 'manual', selector: { matchLabels: { tier: 'gold' } } }));
    await until('static Bound', async () => (await phaseOf('pvc', 'static')) === 'Bound');
    expect(await row('pvc', 'static')).toMatch(/^static\s+Bound\s+storage-pv-gold\s+5Gi\s+RWO\s+manual\s+<unset>\s+\S+\s*$/);
    expect(await row('pv', 'storage-pv-gold')).toMatch(new RegExp(`^storage-pv-gold\\s+5Gi\\s+RWO\\s+Retain\\s+Bound\\s+${lab.namespace}/static\\s+manual\\s+<unset>\\s+\\S+\\s*$`));
    expect((await json('pv', 'storage-pv-gold')).metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(await phaseOf('pv', 'storage-pv-small')).toBe('Available');

    await kubectl('delete', 'pvc', 'static');
    await until('storage-pv-gold Released', async () => (await phaseOf('pv', 'storage-pv-gold')) === 'Released');
    expect(await row('pv', 'storage-pv-gold')).toMatch(new RegExp(`^storage-pv-gold\\s+5Gi\\s+RWO\\s+Retain\\s+Released\\s+${lab.namespace}/static\\s+manual\\s+<unset>\\s+\\S+\\s*$`));
  });

  it('says in kubectl describe why a claim of a missing class is not provisioned', async () => {
    await apply(claim('orphan', { storageClassName: 'fast' }));
    const events = await waitFor(async () => {
      const out = await described('pvc', 'orphan');
      return /ProvisioningFailed/.test(out) ? out : undefined;
    }, 'a ProvisioningFailed event on orphan');
    expect(events).toMatch(/Warning\s+ProvisioningFailed\s+.*persistentvolume-controller\s+storageclass\.storage\.k8s\.io "fast" not found/);
    expect(events).toMatch(/^Status:\s+Pending$/m);
  });

  it('keeps a claim a pod uses Terminating until the pod is gone', async () => {
    await apply(claim('used', { storageClassName: 'shared' }));
    await apply(claim('spare', { storageClassName: 'shared' }));
    await until('used and spare Bound', async () => (await phaseOf('pvc', 'used')) === 'Bound' && (await phaseOf('pvc', 'spare')) === 'Bound');
    await apply(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user' },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'used' } }] },
    }));
    expect((await kubectl('delete', 'pvc', 'used', 'spare', '--wait=false')).stderr).toBe('');
    await until('spare, which no pod uses, gone', async () => (await kubectl('get', 'pvc', 'spare')).stderr.includes('NotFound'));
    expect(await row('pvc', 'used')).toMatch(/^used\s+Terminating\s+pvc-\S+\s+1Gi\s+RWO\s+shared\s/);
    expect((await json('pvc', 'used')).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    await kubectl('delete', 'pod', 'user', '--force', '--grace-period=0');
    await until('used gone with its pod', async () => (await kubectl('get', 'pvc', 'used')).stderr.includes('NotFound'));
  });

  it('keeps a WaitForFirstConsumer claim Pending until a node is selected, then provisions it there', async () => {
    await apply(claim('local', {}));
    const pending = await waitFor(async () => {
      const out = await described('pvc', 'local');
      return /WaitForFirstConsumer/.test(out) ? out : undefined;
    }, 'a WaitForFirstConsumer event on local');
    expect(pending).toMatch(/^StorageClass:\s+standard$/m);
    expect(pending).toMatch(/Normal\s+WaitForFirstConsumer\s+.*persistentvolume-controller\s+waiting for first consumer to be created before binding/);
    expect(await phaseOf('pvc', 'local')).toBe('Pending');

    expect((await kubectl('annotate', 'pvc', 'local', 'volume.kubernetes.io/selected-node=node-2')).stderr).toBe('');
    await until('local Bound', async () => (await phaseOf('pvc', 'local')) === 'Bound');
    const pvc = await json('pvc', 'local');
    const pv = await json('pv', pvc.spec.volumeName);
    expect(pv.spec.hostPath).toEqual({ path: `/var/local-path-provisioner/pvc-${pvc.metadata.uid}_${lab.namespace}_local`, type: 'DirectoryOrCreate' });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }]);
    expect(pv.metadata.annotations).toEqual({ 'local.path.provisioner/selected-node': 'node-2', 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(await row('pv', pv.metadata.name)).toMatch(new RegExp(`\\s1Gi\\s+RWO\\s+Delete\\s+Bound\\s+${lab.namespace}/local\\s+standard\\s+<unset>\\s`));

    await apply(claim('many', { accessModes: ['ReadWriteMany'] }, { 'volume.kubernetes.io/selected-node': 'node-1' }));
    const refused = await waitFor(async () => {
      const out = await described('pvc', 'many');
      return /ProvisioningFailed/.test(out) ? out : undefined;
    }, 'a ProvisioningFailed event on many');
    expect(refused).toMatch(/Warning\s+ProvisioningFailed\s+.*failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod \(1\.22\+\) access modes/);
  });

  it('provisions a default-class claim on the node the scheduler places its pod on, and binds it', async () => {
    await apply(claim('web-data', {}));
    await apply(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
      spec: { containers: [{ name: 'web', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }] },
    }));
    await until('web-data Bound', async () => (await phaseOf('pvc', 'web-data')) === 'Bound');
    const node = await waitFor(async () => (await kubectl('get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}')).stdout || undefined, 'web placed');
    const pvc = await json('pvc', 'web-data');
    expect(pvc.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(node);
    const pv = await json('pv', pvc.spec.volumeName);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([node]);
    expect(pv.spec.storageClassName).toBe('standard');
  });

  it('refuses to grow a claim whose class does not allow expansion, as PersistentVolumeClaimResize words it', async () => {
    const grown = await kubectl('patch', 'pvc', 'local', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}');
    expect(grown.stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "local" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
  });
});
