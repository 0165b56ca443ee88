/**
 * The Gateway API's standard CRDs (deploy/gateway-api), whose CEL rules carry most of what the
 * Gateway API refuses: every rule compiles here, and objects are refused or accepted as a real
 * cluster does, with the Status kube-apiserver returns.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { invalid } from '../status.js';
import { decodeCustomResource, validateCustomResource } from './admission.js';
import { resourceTypesOfCrd } from './resource-types.js';
import { compileRuleExpression } from './rule-programs.js';
import type { JSONSchemaProps, ValidationRule } from './types.js';

const crds = parseAllDocuments(readFileSync(new URL('../../../../deploy/gateway-api/standard-crds.yaml', import.meta.url), 'utf8'))
  .map((d) => d.toJS() as KubeObject | null)
  .filter((crd): crd is KubeObject => crd?.kind === 'CustomResourceDefinition');

const established = (crd: KubeObject): KubeObject => ({ ...crd, status: { conditions: [{ type: 'Established', status: 'True' }] } });
const types = crds.flatMap((crd) => resourceTypesOfCrd(established(crd)));

function* rulesOf(schema: JSONSchemaProps | undefined): Generator<ValidationRule> {
  if (!schema) return;
  yield* schema['x-kubernetes-validations'] ?? [];
  yield* rulesOf(schema.items);
  if (typeof schema.additionalProperties === 'object') yield* rulesOf(schema.additionalProperties);
  for (const entry of [...Object.values(schema.properties ?? {}), ...(schema.allOf ?? [])]) yield* rulesOf(entry);
}

/** The Status message of a create of `body`, or '' when it is admitted. */
function created(body: KubeObject): string {
  const [group, version] = body.apiVersion.split('/');
  const t = types.find((candidate) => candidate.group === group && candidate.version === version && candidate.kind === body.kind)!;
  const { object } = decodeCustomResource(t, body, 'Strict');
  const errors = validateCustomResource(t, object);
  return errors.length ? invalid(t.kind, t.group, body.metadata.name!, errors).message : '';
}

const gateway = (listeners: unknown[]): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'bad', namespace: 'default' },
  spec: { gatewayClassName: 'example', listeners },
}) as KubeObject;

const route = (rules: unknown[]): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'http-app', namespace: 'default' },
  spec: { parentRefs: [{ name: 'example-gateway' }], hostnames: ['example.com'], rules },
}) as KubeObject;

describe('the Gateway API CRDs', () => {
  it('compile: every rule and message expression of every version', () => {
    const versions = crds.flatMap((crd) => (crd.spec as { versions: { schema: { openAPIV3Schema: JSONSchemaProps } }[] }).versions);
    const rules = versions.flatMap((v) => [...rulesOf(v.schema.openAPIV3Schema)]);
    const failing = rules.filter((r) => !compileRuleExpression(r.rule, ['bool', 'dyn'], r.optionalOldSelf === true)
      || (r.messageExpression !== undefined && !compileRuleExpression(r.messageExpression, ['string', 'dyn'])));
    expect(rules).toHaveLength(295);
    expect(failing.map((r) => r.rule)).toEqual([]);
  });

  it('refuse tls on an HTTP listener', () => {
    const listener = { name: 'http', protocol: 'HTTP', port: 80, tls: { certificateRefs: [{ name: 'cert' }] } };
    expect(created(gateway([listener]))).toBe(
      `Gateway.gateway.networking.k8s.io "bad" is invalid: spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`,
    );
  });

  it('refuse listeners with the same name', () => {
    const listener = { name: 'http', protocol: 'HTTP', port: 80 };
    expect(created(gateway([listener, { ...listener, port: 8080 }]))).toBe(
      'Gateway.gateway.networking.k8s.io "bad" is invalid: spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway',
    );
  });

  it('refuse an HTTPRoute rule with both a RequestRedirect and a URLRewrite filter', () => {
    const filters = [
      { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
      { type: 'URLRewrite', urlRewrite: { hostname: 'example.org' } },
    ];
    expect(created(route([{ filters }]))).toBe(
      'HTTPRoute.gateway.networking.k8s.io "http-app" is invalid: spec.rules[0].filters: Invalid value: "array": '
      + 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
    );
  });

  it('accept the guides\' Gateway with an HTTP listener on port 80', () => {
    expect(created(gateway([{ name: 'http', protocol: 'HTTP', port: 80 }]))).toBe('');
  });

  it('accept the guides\' HTTPRoute: parentRefs, hostnames, PathPrefix matches, weighted backendRefs', () => {
    expect(created(route([
      { matches: [{ path: { type: 'PathPrefix', value: '/login' } }], backendRefs: [{ name: 'foo-svc', port: 8080 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name: 'foo-v1', port: 8080, weight: 90 }, { name: 'foo-v2', port: 8080, weight: 10 }],
      },
    ]))).toBe('');
  });

  it('accept a GRPCRoute method match, whose service rule is case-insensitive RE2', () => {
    const grpc = {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'grpc-app', namespace: 'default' },
      spec: { parentRefs: [{ name: 'example-gateway' }], rules: [{ matches: [{ method: { service: 'com.Example.User', method: 'Login' } }], backendRefs: [{ name: 'svc', port: 50051 }] }] },
    } as KubeObject;
    expect(created(grpc)).toBe('');
  });
});
