import { describe, expect, it } from 'vitest';
import { openApiV2Document, swaggerFromOpenApiV3 } from './openapi-v2.js';

type Json = Record<string, any>;

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

describe('openApiV2Document', () => {
  const doc = openApiV2Document() as Json;

  it('holds every served kind with its group/version/kind, and resolves every $ref in its definitions', () => {
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.definitions['io.k8s.api.core.v1.Pod']).toBeDefined();
    for (const ref of refsIn(doc)) expect(doc.definitions).toHaveProperty([ref.replace('#/definitions/', '')]);
  });

  it('writes references with their description beside them and scalars as strings, as kube-apiserver v2 does', () => {
    expect(doc.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toEqual({
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy',
      description: expect.stringContaining('deployment strategy'),
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ type: 'string' });
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).not.toHaveProperty('oneOf');
    expect(doc.definitions['io.k8s.api.core.v1.Pod'].properties.spec).not.toHaveProperty('allOf');
    expect(JSON.stringify(doc.paths)).not.toMatch(/"(requestBody|content)"/);
  });

  it("gives each PATCH the body parameter and the patch types kubectl's apply looks for", () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.parameters[0]).toEqual({ name: 'body', in: 'body', required: true, schema: { type: 'object' } });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query', type: 'string' }));
    expect(patch.responses['200'].schema).toEqual({ $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' });
  });
});

describe('swaggerFromOpenApiV3', () => {
  it('keeps a composition it cannot collapse, and sorts paths and definitions', () => {
    const v3 = { paths: { '/b': {}, '/a': {} }, components: { schemas: { Z: { type: 'object' }, A: { allOf: [{ type: 'object' }, { required: ['x'] }] } } } };
    const doc = swaggerFromOpenApiV3([v3]) as Json;
    expect(Object.keys(doc.paths)).toEqual(['/a', '/b']);
    expect(Object.keys(doc.definitions)).toEqual(['A', 'Z']);
    expect(doc.definitions.A.allOf).toHaveLength(2);
  });
});
