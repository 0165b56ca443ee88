import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A group of the suite's own: the CRD is cluster-scoped on the shared lab, where other suites define a CronTab too,
// so kubectl names the resource with its group.
const group = 'custom-resource-gc.example.com';
const crontabs = `crontab.${group}`;
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `crontabs.${group}` },
  spec: {
    group, scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
  },
};

const ownerRef = (apiVersion: string, kind: string, name: string, uid: string) => ({ apiVersion, kind, name, uid, blockOwnerDeletion: true });

describe('garbage collection of and by custom resources with the real kubectl', () => {
  let lab: TestLab;
  const kubectl = (args: string[], stdin?: string) => lab.kubectl(args, stdin === undefined ? {} : { stdin });
  const stdoutOf = async (args: string[]) => (await kubectl(args)).stdout;
  const uidOf = (resource: string, name: string) => stdoutOf(['get', resource, name, '-o', 'jsonpath={.metadata.uid}']);
  const gone = (resource: string, name: string) =>
    waitFor(async () => (await kubectl(['get', resource, name])).stderr.includes('(NotFound)'), `${resource} ${name} gone`, 30_000);

  /** Creates a CronTab (retrying until its CRD is served) and returns its uid. */
  async function createCronTab(name: string, ownerReferences?: object[]): Promise<string> {
    const crontab = { apiVersion: `${group}/v1`, kind: 'CronTab', metadata: { name, ...(ownerReferences ? { ownerReferences } : {}) }, spec: { cronSpec: '0 3 * * *' } };
    await waitFor(async () => (await kubectl(['create', '-f', '-'], JSON.stringify(crontab))).code === 0, `CronTab ${name} created`);
    return uidOf(crontabs, name);
  }

  async function createConfigMap(name: string, ownerReferences: object[], finalizers?: string[]): Promise<void> {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences, ...(finalizers ? { finalizers } : {}) }, data: { a: 'b' } };
    expect((await kubectl(['create', '-f', '-'], JSON.stringify(cm))).stdout).toBe(`configmap/${name} created\n`);
  }

  beforeAll(async () => {
    lab = await sharedLab('custom-resource-gc');
    expect((await kubectl(['apply', '-f', '-'], JSON.stringify(crd))).stderr).toBe('');
  });
  afterAll(() => lab?.stop());

  it('deletes a ConfigMap owned by a CronTab when the CronTab is deleted, and one naming a CronTab that never existed', async () => {
    const uid = await createCronTab('nightly');
    await createConfigMap('nightly-config', [ownerRef(`${group}/v1`, 'CronTab', 'nightly', uid)]);
    await createConfigMap('stray-config', [ownerRef(`${group}/v1`, 'CronTab', 'ghost', '6f1b0c9e-0000-4000-8000-000000000000')]);
    await gone('configmap', 'stray-config');
    expect(await stdoutOf(['get', 'configmap', 'nightly-config', '-o', 'name'])).toBe('configmap/nightly-config\n');

    expect((await kubectl(['delete', crontabs, 'nightly'])).stdout).toBe(`crontab.${group} "nightly" deleted\n`);
    await gone('configmap', 'nightly-config');
  });

  it('deletes a CronTab owned by a Deployment when the Deployment goes', async () => {
    expect((await kubectl(['create', 'deployment', 'scheduler', '--image=nginx:1.14.2', '--replicas=0'])).stderr).toBe('');
    await createCronTab('scheduled', [ownerRef('apps/v1', 'Deployment', 'scheduler', await uidOf('deployment', 'scheduler'))]);
    expect((await kubectl(['delete', 'deployment', 'scheduler'])).stdout).toBe('deployment.apps "scheduler" deleted\n');
    await gone(crontabs, 'scheduled');
  });

  it('holds a CronTab deleted in the foreground with foregroundDeletion until its blocking ConfigMap is gone', async () => {
    const uid = await createCronTab('weekly');
    await createConfigMap('weekly-config', [ownerRef(`${group}/v1`, 'CronTab', 'weekly', uid)], ['example.com/hold']);
    expect((await kubectl(['delete', crontabs, 'weekly', '--cascade=foreground', '--wait=false'])).stdout).toBe(`crontab.${group} "weekly" deleted\n`);
    await waitFor(async () => (await stdoutOf(['get', 'configmap', 'weekly-config', '-o', 'jsonpath={.metadata.deletionTimestamp}'])) !== '', 'the ConfigMap deleted by the collector');
    const held = JSON.parse(await stdoutOf(['get', crontabs, 'weekly', '-o', 'json']));
    expect(held.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(held.metadata.deletionTimestamp).toBeTruthy();

    expect((await kubectl(['patch', 'configmap', 'weekly-config', '--type=merge', '-p', '{"metadata":{"finalizers":null}}'])).stdout).toBe('configmap/weekly-config patched\n');
    await gone('configmap', 'weekly-config');
    await gone(crontabs, 'weekly');
  });

  it('orphans the ConfigMap of a CronTab deleted with --cascade=orphan', async () => {
    const uid = await createCronTab('monthly');
    await createConfigMap('monthly-config', [ownerRef(`${group}/v1`, 'CronTab', 'monthly', uid)]);
    expect((await kubectl(['delete', crontabs, 'monthly', '--cascade=orphan'])).stdout).toBe(`crontab.${group} "monthly" deleted\n`);
    await gone(crontabs, 'monthly');
    const orphan = JSON.parse(await stdoutOf(['get', 'configmap', 'monthly-config', '-o', 'json']));
    expect(orphan.metadata.ownerReferences).toBeUndefined();
  });

  it('follows the CRD: deleted and created again, its kind is collected again', async () => {
    expect((await kubectl(['delete', 'crd', `crontabs.${group}`])).stdout).toBe(`customresourcedefinition.apiextensions.k8s.io "crontabs.${group}" deleted\n`);
    expect((await kubectl(['apply', '-f', '-'], JSON.stringify(crd))).stderr).toBe('');
    const uid = await createCronTab('again');
    await createConfigMap('again-config', [ownerRef(`${group}/v1`, 'CronTab', 'again', uid)]);
    expect((await kubectl(['delete', crontabs, 'again'])).stdout).toBe(`crontab.${group} "again" deleted\n`);
    await gone('configmap', 'again-config');
  });
});
