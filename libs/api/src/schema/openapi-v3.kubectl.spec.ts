/**
 * Proves the real kubectl 1.32 accepts our OpenAPI v3 documents: a throwaway
 * HTTP server answers /version, aggregated discovery and /openapi/v3, and
 * kubectl's `explain` and `apply` run against it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ResourceType, resourceTypes } from '../registry.js';
import { openApiV3Document, openApiV3Index } from './openapi-v3.js';

const discoveryType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discoveryResource(t: ResourceType) {
  return {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    shortNames: t.shortNames,
    categories: t.categories,
    verbs: t.verbs,
    subresources: t.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    })),
  };
}

function discovery(core: boolean) {
  const groups = [...new Set(resourceTypes.filter((t) => (t.group === '') === core).map((t) => t.group))];
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((group) => ({
      metadata: { name: group },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: resourceTypes.filter((t) => t.group === group).map(discoveryResource),
        },
      ],
    })),
  };
}

/** What the stub saw of kubectl's writes. */
const writes: string[] = [];

function reply(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://stub');
  const path = url.pathname;
  if (path === '/version') {
    return reply(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: 'x', gitTreeState: 'clean',
      buildDate: '2024-12-11T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' });
  }
  if (path === '/api' || path === '/apis') return reply(res, 200, discovery(path === '/api'), discoveryType);
  if (path === '/openapi/v3') return reply(res, 200, openApiV3Index('0123abcd'));
  const document = path.startsWith('/openapi/v3/') ? openApiV3Document(path.slice('/openapi/v3/'.length)) : undefined;
  if (document) return reply(res, 200, document);
  if (req.method === 'POST') {
    writes.push(`${req.method} ${path}?${url.searchParams}`);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => reply(res, 201, JSON.parse(body)));
    return;
  }
  reply(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404,
    message: 'the server could not find the requested resource' });
}

let server: Server;
let dir: string;

function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/kubectl',
      ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args],
      { timeout: 15_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  dir = mkdtempSync(join(tmpdir(), 'kubelab-openapi-'));
  writeFileSync(
    join(dir, 'kubeconfig'),
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: stub, cluster: {server: "http://127.0.0.1:' + port + '"}}]',
      'users: [{name: stub, user: {}}]',
      'contexts: [{name: stub, context: {cluster: stub, user: stub, namespace: default}}]',
      'current-context: stub',
    ].join('\n'),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('kubectl against our OpenAPI v3', () => {
  it('explains a string field with its description', async () => {
    const out = await kubectl('explain', 'pod.spec.restartPolicy');
    expect(out).toContain('KIND:       Pod');
    expect(out).toContain('FIELD: restartPolicy <string>');
    expect(out).toContain('Restart policy for all containers within the pod.');
  });

  it('explains an object field with its fields', async () => {
    const out = await kubectl('explain', 'deployment.spec.strategy');
    expect(out).toContain('GROUP:      apps');
    expect(out).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(out).toMatch(/rollingUpdate\t<RollingUpdateDeployment>/);
    expect(out).toMatch(/type\t<string>/);
  });

  it('explains a kind, marking required fields', async () => {
    const out = await kubectl('explain', 'pod.spec');
    expect(out).toMatch(/containers\t<\[\]Container> -required-/);
    expect(out).toMatch(/nodeSelector\t<map\[string\]string>/);
  });

  it('makes apply validate on the server (fieldValidation=Strict)', async () => {
    const manifest = join(dir, 'pod.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: web, image: nginx}]}\n');
    const out = await kubectl('apply', '-f', manifest);
    expect(out).toContain('pod/web created');
    expect(writes.some((w) => w.startsWith('POST /api/v1/namespaces/default/pods?') && w.includes('fieldValidation=Strict'))).toBe(true);
  });
});
