import { describe, expect, it } from 'vitest';
import { resourceTypes } from '../registry.js';
import { openApiV3Document, openApiV3Index } from './openapi-v3.js';

type Json = Record<string, any>;

function document(path: string): Json {
  const doc = openApiV3Document(path);
  if (!doc) throw new Error(`no document ${path}`);
  return doc as Json;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

describe('openApiV3Index', () => {
  it('lists every served group version with a hashed URL', () => {
    const paths = openApiV3Index('abc').paths;
    expect(paths['api/v1']).toEqual({ serverRelativeURL: '/openapi/v3/api/v1?hash=abc' });
    expect(paths['apis/apps/v1']).toEqual({ serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=abc' });
    const served = new Set(resourceTypes.map((t) => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`)));
    expect(Object.keys(paths).sort()).toEqual([...served].sort());
    expect(paths).toHaveProperty(['apis/autoscaling/v1']);
    expect(paths).toHaveProperty(['apis/autoscaling/v2']);
  });
});

describe('openApiV3Document', () => {
  it('has no document for a group version we do not serve', () => {
    expect(openApiV3Document('apis/resource.k8s.io/v1beta1')).toBeUndefined();
  });

  it('gives every kind a PATCH with its group/version/kind and a fieldValidation parameter', () => {
    for (const t of resourceTypes.filter((r) => r.verbs.includes('patch'))) {
      const doc = document(t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`);
      const scope = t.namespaced ? '/namespaces/{namespace}' : '';
      const root = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
      const patch = doc.paths[`${root}${scope}/${t.plural}/{name}`].patch;
      expect(patch['x-kubernetes-action']).toBe('patch');
      expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: t.group, version: t.version, kind: t.kind });
      expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
      expect(doc.components.schemas[t.schemaName]['x-kubernetes-group-version-kind']).toEqual([
        { group: t.group, version: t.version, kind: t.kind },
      ]);
    }
  });

  it('lets no PATCH operation go without fieldValidation (kubectl checks the first one it meets)', () => {
    for (const path of Object.keys(openApiV3Index('h').paths)) {
      for (const item of Object.values(document(path).paths) as Json[]) {
        if (item.patch) expect(item.patch.parameters.map((p: Json) => p.name)).toContain('fieldValidation');
      }
    }
  });

  it('serves the collection, the item and the subresources of a kind', () => {
    const paths = Object.keys(document('apis/apps/v1').paths).filter((p) => p.includes('deployments'));
    expect(paths).toEqual([
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    ]);
    const scale = document('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'];
    expect(scale.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(Object.keys(document('api/v1').paths)).toContain('/api/v1/nodes/{name}');
  });

  it('wraps a field referring to a definition in allOf, with the field description beside it', () => {
    const pod = document('api/v1').components.schemas['io.k8s.api.core.v1.Pod'];
    expect(pod.properties.spec).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
      description: expect.stringContaining('Specification of the desired behavior of the pod.'),
    });
    const spec = document('api/v1').components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(spec.required).toEqual(['containers']);
    expect(spec.properties.restartPolicy).toEqual({ type: 'string', description: expect.stringContaining('Restart policy') });
    expect(spec.properties.containers.items).toEqual({ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
  });

  it("carries k8s.io/api's patch strategies: retainKeys on unions, merge keys on lists", () => {
    const apps = document('apis/apps/v1').components.schemas;
    expect(apps['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toMatchObject({ 'x-kubernetes-patch-strategy': 'retainKeys' });
    const core = document('api/v1').components.schemas;
    expect(core['io.k8s.api.core.v1.PodSpec'].properties.volumes).toMatchObject({
      'x-kubernetes-patch-strategy': 'merge,retainKeys',
      'x-kubernetes-patch-merge-key': 'name',
    });
    expect(core['io.k8s.api.core.v1.EphemeralContainer'].properties.env).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name' });
    expect(core['io.k8s.api.core.v1.ServiceAccount'].properties.secrets).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name' });
    expect(core['io.k8s.api.core.v1.PodSpec'].properties.tolerations).not.toHaveProperty('x-kubernetes-patch-strategy');
  });

  it('describes the special scalars as Kubernetes does', () => {
    const schemas = document('api/v1').components.schemas;
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('resolves every $ref inside its own document', () => {
    for (const path of Object.keys(openApiV3Index('h').paths)) {
      const doc = document(path);
      for (const ref of refsIn(doc)) expect(doc.components.schemas).toHaveProperty([ref.replace('#/components/schemas/', '')]);
    }
  });
});
