/**
 * RBAC's escalation prevention lives in the RBAC kinds' strategy, so both front doors get it: an
 * escalating RoleBinding is refused over NATS exactly as over HTTPS (same Status), and a
 * server-side apply is judged on the object the apply decides, not on the request.
 */
import { dirname } from 'node:path';
import { ApiClient } from '@kubelab/bus';
import { fetchTrusting, labCredentials, startNats, tempSqliteFile, type TestNats } from '@kubelab/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { startApiServer, type RunningApiServer } from '../src/server.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const apiVersion = `${rbacGroup}/v1`;
const namespace = 'escalation';
/** The deployment controller, as the controller-manager's requests over NATS act as it (its ServiceAccount in kube-system). */
const controller = 'deployment-controller';
const controllerUser = `system:serviceaccount:kube-system:${controller}`;
const rules = (verbs: string[], resources: string[], apiGroups = [rbacGroup]) => [{ verbs, apiGroups, resources }];
const podsDelete = { verbs: ['delete'], apiGroups: [''], resources: ['pods'] };

describe('escalation prevention at both front doors', () => {
  let nats: TestNats;
  let server: RunningApiServer;
  let asController: ApiClient;
  let https: ReturnType<typeof fetchTrusting>;

  /** A request to the api-server as the lab's admin, or as `user` (with `groups`) by impersonation. */
  const call = async (method: string, path: string, body?: unknown, as?: { user: string; groups?: string[] }, contentType = 'application/json') => {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (as) headers['impersonate-user'] = as.user;
    const init = { method, headers: as?.groups ? { ...headers, 'impersonate-group': as.groups.join(',') } : headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) };
    const response = await https(`${server.url}${path}`, init);
    return { code: response.status, body: (await response.json()) as { message?: string; reason?: string; rules?: unknown; metadata?: { labels?: Record<string, string> } } };
  };
  const created = async (path: string, body: unknown) => expect((await call('POST', path, body)).code).toBe(201);

  beforeAll(async () => {
    nats = await startNats();
    const database = tempSqliteFile();
    // HTTPS, so that requests have a user (the admin's certificate) who may impersonate the others.
    server = await startApiServer(parseConfig(['--port', '0', '--database', database, '--nats-url', nats.url], {}), pino({ level: 'silent' }));
    https = fetchTrusting(labCredentials(dirname(database)));
    asController = await ApiClient.connect(nats.url, controller, { kind: 'controller-manager' });
    await created('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const writer = { apiVersion, kind: 'Role', metadata: { name: 'rbac-writer' }, rules: rules(['create', 'get', 'patch', 'update'], ['roles', 'rolebindings']) };
    await created(`/apis/${rbacGroup}/v1/namespaces/${namespace}/roles`, writer);
    const subjects = [{ kind: 'ServiceAccount', name: controller, namespace: 'kube-system' }, { apiGroup: rbacGroup, kind: 'User', name: 'alice' }];
    await created(`/apis/${rbacGroup}/v1/namespaces/${namespace}/rolebindings`, { apiVersion, kind: 'RoleBinding', metadata: { name: 'writers' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'rbac-writer' }, subjects });
  });
  afterAll(async () => {
    await asController?.close();
    await server?.close();
    await nats?.stop();
  });

  it('refuses an escalating RoleBinding over NATS with the same Status as over HTTPS', async () => {
    const binding = (name: string) => ({
      apiVersion, kind: 'RoleBinding', metadata: { name, namespace },
      roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: controller, namespace: 'kube-system' }],
    });
    const overHttps = await call('POST', `/apis/${rbacGroup}/v1/namespaces/${namespace}/rolebindings`, binding('take-over'), { user: controllerUser });
    const overNats = await asController.request({ verb: 'create', group: rbacGroup, version: 'v1', plural: 'rolebindings', namespace, body: binding('take-over') });
    expect(overHttps.code).toBe(403);
    expect(overHttps.body.reason).toBe('Forbidden');
    expect(overHttps.body.message).toMatch(new RegExp(`^rolebindings\\.rbac\\.authorization\\.k8s\\.io "take-over" is forbidden: user "${controllerUser}" \\(groups=\\["system:serviceaccounts" "system:serviceaccounts:kube-system" "system:authenticated"\\]\\) is attempting to grant RBAC permissions not currently held:\\n`));
    expect(overNats).toEqual({ code: 403, body: overHttps.body });
    expect((await call('GET', `/apis/${rbacGroup}/v1/namespaces/${namespace}/rolebindings/take-over`)).code).toBe(404);
  });

  it('judges a server-side apply on the object it decides: the merged rules, not the request', async () => {
    const roles = `/apis/${rbacGroup}/v1/namespaces/${namespace}/roles`;
    const alice = { user: 'alice', groups: ['dev'] };
    const applied = (name: string, config: object, as?: typeof alice, force = false) =>
      call('PATCH', `${roles}/${name}?fieldManager=alice${force ? '&force=true' : ''}`, JSON.stringify({ apiVersion, kind: 'Role', metadata: { name }, ...config }), as, 'application/apply-patch+yaml');
    const notHeld = (name: string) => `roles.${rbacGroup} "${name}" is forbidden: user "alice" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:`;

    await created(roles, { apiVersion, kind: 'Role', metadata: { name: 'pod-deleter' }, rules: [podsDelete] });
    const adding = await applied('pod-deleter', { rules: [podsDelete, ...rules(['get'], ['pods'], [''])] }, alice, true);
    expect(adding.code).toBe(403);
    expect(adding.body.message).toContain(notHeld('pod-deleter'));
    // As kube-apiserver's policy-based storage: the new object's rules are judged, so relabelling a role alice could not write is refused too.
    const relabelling = await applied('pod-deleter', { metadata: { name: 'pod-deleter', labels: { team: 'dev' } } }, alice);
    expect(relabelling.code).toBe(403);
    expect(relabelling.body.message).toContain(notHeld('pod-deleter'));

    // Rules applied under alice's field manager leave with her next apply that omits them: the decided role grants nothing.
    expect((await applied('legacy', { rules: [podsDelete] })).code).toBe(201);
    const dropping = await applied('legacy', { metadata: { name: 'legacy', labels: { team: 'dev' } } }, alice);
    expect(dropping.code).toBe(200);
    expect(dropping.body.metadata?.labels).toEqual({ team: 'dev' });
    expect(dropping.body.rules).toBeNull(); // Role.rules has no omitempty: Go writes null
  });
});
