import { join } from 'node:path';
import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', 'crd', name);

describe('CustomResourceDefinitions with the real kubectl (the documentation\'s CronTab)', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  /** Polls until `kubectl get crontabs` answers, within the second a real cluster takes. */
  async function served(): Promise<void> {
    await waitFor(async () => (await kubectl(['get', 'crontabs'])).code === 0, 'kubectl get crontabs to answer', 1000, 50);
  }

  it('refuses a CRD whose schema is not structural, with apiextensions\' causes', async () => {
    const r = await kubectl(['apply', '-f', fixture('crontab-crd-no-schema-type.yaml')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The CustomResourceDefinition "crontabs.stable.example.com" is invalid');
    expect(r.stderr).toContain('spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root');
    expect(r.stderr).toContain('spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields');
  });

  it('serves a created CRD within a second: plural, singular, short name, conditions and api-resources', async () => {
    const created = await kubectl(['apply', '-f', fixture('crontab-crd.yaml')]);
    expect(created.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
    await served();
    expect((await kubectl(['apply', '-f', fixture('my-crontab.yaml')])).stdout).toBe('crontab.stable.example.com/my-new-cron-object created\n');
    for (const name of ['crontabs', 'crontab', 'ct']) {
      const r = await kubectl(['get', name]);
      expect(r.stdout, name).toMatch(/^NAME\s+AGE\nmy-new-cron-object\s+\d+s\n$/);
    }
    const conditions = await kubectl(['get', 'crd', 'crontabs.stable.example.com', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status} {end}{.status.acceptedNames.kind}']);
    expect(conditions.stdout).toBe('NamesAccepted=True Established=True CronTab');
    const resources = await kubectl(['api-resources', '--api-group', 'stable.example.com']);
    expect(resources.stdout).toMatch(/crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab/);
    const object = await kubectl(['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.apiVersion} {.kind} {.spec.image} {.metadata.generation}']);
    expect(object.stdout).toBe('stable.example.com/v1 CronTab my-awesome-cron-image 1');
  });

  it('explains the schema from the CRD', async () => {
    const r = await kubectl(['explain', 'crontab.spec']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('GROUP:      stable.example.com');
    expect(r.stdout).toContain('KIND:       CronTab');
    expect(r.stdout).toMatch(/cronSpec\s+<string>/);
    expect(r.stdout).toMatch(/replicas\s+<integer>/);
  });

  it('refuses an unknown field under strict validation and drops it with a warning otherwise', async () => {
    const strict = await kubectl(['apply', '--validate=strict', '-f', fixture('my-crontab-unknown-field.yaml')]);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('unknown field "spec.foo"');
    const warn = await kubectl(['apply', '--validate=warn', '-f', fixture('my-crontab-unknown-field.yaml')]);
    expect(warn.stderr).toContain('unknown field "spec.foo"');
    expect(warn.stdout).toBe('crontab.stable.example.com/my-unknown-cron-object created\n');
    const spec = await kubectl(['get', 'ct', 'my-unknown-cron-object', '-o', 'jsonpath={.spec}']);
    expect(JSON.parse(spec.stdout)).toEqual({ cronSpec: '* * * * */5', image: 'my-awesome-cron-image' });
  });

  it('prints the additionalPrinterColumns once the CRD has them, and bumps generation on a spec change', async () => {
    expect((await kubectl(['apply', '-f', fixture('crontab-crd-columns.yaml')])).stdout).toContain('configured');
    await waitFor(async () => (await kubectl(['get', 'ct', 'my-new-cron-object'])).stdout.startsWith('NAME'), 'the printer columns', 1000, 50);
    await kubectl(['patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":3}}']);
    const r = await kubectl(['get', 'ct', 'my-new-cron-object']);
    expect(r.stdout).toMatch(/^NAME\s+SPEC\s+REPLICAS\s+AGE\nmy-new-cron-object\s+\* \* \* \* \*\/5\s+3\s+\d+s\n$/);
    const generation = await kubectl(['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.metadata.generation}']);
    expect(generation.stdout).toBe('2');
  });

  it('validates objects against the schema with kube-apiserver\'s paths and words', async () => {
    await kubectl(['apply', '-f', fixture('crontab-crd-validation.yaml')]);
    await waitFor(async () => (await kubectl(['apply', '--dry-run=server', '-f', fixture('my-crontab-invalid.yaml')])).code !== 0, 'the validation schema to be served', 1000, 50);
    const r = await kubectl(['apply', '-f', fixture('my-crontab-invalid.yaml')]);
    expect(r.stderr).toContain('The CronTab "my-new-cron-object" is invalid');
    expect(r.stderr).toContain(String.raw`spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'`);
    expect(r.stderr).toContain('spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10');
    const typed = await kubectl(['patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":"three"}}']);
    expect(typed.stderr).toContain('spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
  });

  it('fills defaults from the schema', async () => {
    await kubectl(['apply', '-f', fixture('crontab-crd-defaulting.yaml')]);
    await waitFor(async () => (await kubectl(['get', '--raw', '/openapi/v3/apis/stable.example.com/v1'])).stdout.includes('5 0 * * *'), 'the defaulting schema to be served', 1000, 50);
    await kubectl(['delete', 'ct', 'my-new-cron-object']);
    expect((await kubectl(['apply', '-f', fixture('my-crontab-defaulted.yaml')])).code).toBe(0);
    const spec = await kubectl(['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec}']);
    expect(JSON.parse(spec.stdout)).toEqual({ cronSpec: '5 0 * * *', image: 'my-awesome-cron-image', replicas: 1 });
  });

  it('deletes the objects with the CRD, and the type is no longer served', async () => {
    const r = await kubectl(['delete', 'crd', 'crontabs.stable.example.com']);
    expect(r.stdout).toBe('customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n');
    await waitFor(async () => (await kubectl(['get', 'crd'])).stdout === '', 'the CRD and its objects to be gone', 2000, 50);
    const fresh = kubectlFor(server.url);
    const gone = await fresh(['get', 'crontabs']);
    expect(gone.stderr).toContain('the server doesn\'t have a resource type "crontabs"');
    const events = await fresh(['get', '--raw', '/kubelab/v1/events?kind=CronTab.stable.example.com']);
    expect(events.code).toBe(0);
  });

  it('comes back empty when recreated, and scales through the scale subresource while main writes keep status', async () => {
    await kubectl(['apply', '-f', fixture('crontab-crd-scale.yaml')]);
    await waitFor(async () => (await kubectl(['get', 'ct'])).code === 0, 'the recreated CRD to be served', 1000, 50);
    expect((await kubectl(['get', 'ct'])).stderr).toBe('No resources found in default namespace.\n');
    await kubectl(['apply', '-f', fixture('my-crontab.yaml')]);
    const scaled = await kubectl(['scale', 'ct', 'my-new-cron-object', '--replicas=5']);
    expect(scaled.stdout).toBe('crontab.stable.example.com/my-new-cron-object scaled\n');
    await kubectl(['patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"status":{"replicas":9}}']);
    const r = await kubectl(['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec.replicas} {.status}']);
    expect(r.stdout).toBe('5 ');
  });
});
