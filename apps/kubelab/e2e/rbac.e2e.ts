/**
 * Who may do what, with the real kubectl on a whole lab: a CKA-style RBAC drill (a new
 * user refused in Kubernetes' words, a Role and RoleBinding later allowed, `auth can-i`
 * agreeing at each step, the aggregated `view` ClusterRole bound to a group across
 * namespaces), impersonation, `auth whoami`, a ServiceAccount token from the TokenRequest
 * API used from outside, and what an anonymous caller may reach.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fetchTrusting, sharedLab, tempDir, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The user, its group and the ClusterRoleBinding are named after the suite: they are lab-wide on the shared lab.
const user = 'rbac-alice';
const group = 'rbac-dev';

describe('authentication and RBAC with the real kubectl', () => {
  let lab: TestLab;
  /** kubectl with the lab's own kubeconfig, in a context (`kubelab user add` makes one per user). */
  const kubectlIn = (context: string, args: string[]) => {
    const run = spawnSync('kubectl', ['--kubeconfig', join(lab.dataDir, 'kubeconfig'), '--context', context, '--cache-dir', join(cache, context), '--namespace', lab.namespace, ...args], { encoding: 'utf8', timeout: 20_000 });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const alice = (args: string[]) => kubectlIn(user, args);
  const admin = (args: string[]) => kubectlIn('kubelab', args);
  let cache: string;

  beforeAll(async () => {
    cache = tempDir('kubectl-cache');
    lab = await sharedLab('rbac');
  });
  afterAll(async () => {
    if (lab) await lab.kubectl(['delete', 'clusterrolebinding', `${group}-view`, '--ignore-not-found']);
    lab?.stop();
  });

  it('a new user is refused in Kubernetes\' words until a Role and RoleBinding allow it, and auth can-i agrees at each step', () => {
    const ns = lab.namespace;
    const added = lab.kubelab(['user', 'add', user, '--group', group]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain(`user "${user}" in group ${group} added to`);
    expect(alice(['get', 'pods'])).toMatchObject({ code: 1, stderr: `Error from server (Forbidden): pods is forbidden: User "${user}" cannot list resource "pods" in API group "" in the namespace "${ns}"\n` });
    expect(alice(['auth', 'can-i', 'list', 'pods'])).toMatchObject({ code: 1, stdout: 'no\n' });
    expect(admin(['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods']).code).toBe(0);
    expect(admin(['create', 'rolebinding', 'alice-reads-pods', '--role=pod-reader', `--user=${user}`]).code).toBe(0);
    expect(alice(['get', 'pods'])).toMatchObject({ code: 0, stderr: `No resources found in ${ns} namespace.\n` });
    expect(alice(['auth', 'can-i', 'list', 'pods'])).toMatchObject({ code: 0, stdout: 'yes\n' });
    expect(alice(['auth', 'can-i', 'delete', 'pods'])).toMatchObject({ code: 1, stdout: 'no\n' });
    expect(alice(['auth', 'can-i', 'list', 'pods', '-n', 'kube-system']).stdout).toBe('no\n');
    expect(alice(['delete', 'pod', 'web']).stderr).toBe(`Error from server (Forbidden): pods "web" is forbidden: User "${user}" cannot delete resource "pods" in API group "" in the namespace "${ns}"\n`);
    expect(alice(['auth', 'can-i', '--list']).stdout).toMatch(/^pods +\[\] +\[\] +\[get list watch\]$/m);
  });

  it('the aggregated view ClusterRole, bound to a group, reads across namespaces but not Secrets', () => {
    expect(alice(['get', 'deployments', '-n', 'kube-system']).stderr).toContain(`deployments.apps is forbidden: User "${user}" cannot list resource "deployments" in API group "apps" in the namespace "kube-system"`);
    expect(admin(['create', 'clusterrolebinding', `${group}-view`, '--clusterrole=view', `--group=${group}`]).code).toBe(0);
    expect(alice(['get', 'deployments', '-n', 'kube-system'])).toMatchObject({ code: 0 });
    expect(alice(['auth', 'can-i', 'get', 'configmaps', '-n', 'kube-public']).stdout).toBe('yes\n');
    expect(alice(['auth', 'can-i', 'get', 'secrets']).stdout).toBe('no\n');
    expect(alice(['auth', 'can-i', 'create', 'deployments']).stdout).toBe('no\n');
  });

  it('auth whoami names the user and groups; the admin may impersonate, and an impersonated user is judged as itself', () => {
    const whoami = alice(['auth', 'whoami']);
    expect(whoami.stdout).toMatch(new RegExp(`^Username +${user}$`, 'm'));
    expect(whoami.stdout).toMatch(new RegExp(`^Groups +\\[${group} system:authenticated\\]$`, 'm'));
    expect(admin(['auth', 'whoami']).stdout).toMatch(/^Groups +\[system:masters system:authenticated\]$/m);
    expect(admin(['get', 'pods', '--as', 'bob']).stderr).toBe(`Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "${lab.namespace}"\n`);
    expect(admin(['auth', 'can-i', 'list', 'pods', '--as', user]).stdout).toBe('yes\n');
    expect(alice(['get', 'pods', '--as', 'bob']).stderr).toBe(`Error from server (Forbidden): users "bob" is forbidden: User "${user}" cannot impersonate resource "users" in API group "" at the cluster scope\n`);
  });

  it('prevents escalation: a user who may write Roles can grant only what they hold, and bind only roles whose rights they have', () => {
    expect(admin(['create', 'role', 'rbac-writer', '--verb=create,get,list', '--resource=roles,rolebindings']).code).toBe(0);
    expect(admin(['create', 'rolebinding', 'alice-writes-rbac', '--role=rbac-writer', `--user=${user}`]).code).toBe(0);
    const grant = alice(['create', 'role', 'deleter', '--verb=delete', '--resource=pods']);
    expect(grant.code).toBe(1);
    expect(grant.stderr).toContain(`roles.rbac.authorization.k8s.io "deleter" is forbidden: user "${user}" (groups=["${group}" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:`);
    expect(grant.stderr).toContain('Verbs:["delete"]');
    expect(alice(['create', 'role', 'reader-too', '--verb=get', '--resource=pods'])).toMatchObject({ code: 0, stdout: 'role.rbac.authorization.k8s.io/reader-too created\n' });
    const bind = alice(['create', 'rolebinding', 'alice-admin', '--clusterrole=cluster-admin', `--user=${user}`]);
    expect(bind.code).toBe(1);
    expect(bind.stderr).toContain(`rolebindings.rbac.authorization.k8s.io "alice-admin" is forbidden: user "${user}" (groups=["${group}" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:`);
    expect(alice(['create', 'rolebinding', 'bob-reads', '--role=reader-too', '--user=bob']).code).toBe(0);
  });

  it('a ServiceAccount token from kubectl create token works from outside, as RBAC allows it; a bad token is Unauthorized', () => {
    expect(admin(['create', 'serviceaccount', 'robot']).code).toBe(0);
    const token = admin(['create', 'token', 'robot', '--duration', '20m']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim().split('.')).toHaveLength(3);
    const caFile = join(lab.dataDir, 'pki', 'ca.crt');
    const withToken = (value: string, args: string[]) => {
      const run = spawnSync('kubectl', ['--kubeconfig', '/dev/null', '--server', lab.apiUrl, '--certificate-authority', caFile, '--token', value, '--cache-dir', join(cache, 'token'), '--namespace', lab.namespace, ...args], { encoding: 'utf8', timeout: 20_000 });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const ns = lab.namespace;
    expect(withToken(token.stdout.trim(), ['get', 'pods']).stderr).toBe(`Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:${ns}:robot" cannot list resource "pods" in API group "" in the namespace "${ns}"\n`);
    expect(admin(['create', 'rolebinding', 'robot-view', '--clusterrole=view', `--serviceaccount=${ns}:robot`]).code).toBe(0);
    expect(withToken(token.stdout.trim(), ['get', 'pods'])).toMatchObject({ code: 0 });
    expect(withToken(token.stdout.trim(), ['auth', 'whoami']).stdout).toMatch(new RegExp(`^Groups +\\[system:serviceaccounts system:serviceaccounts:${ns} system:authenticated\\]$`, 'm'));
    expect(withToken('not.a.token', ['get', 'pods']).stderr).toBe('error: You must be logged in to the server (Unauthorized)\n');
    expect(admin(['create', 'token', 'robot', '--duration', '1m']).stderr).toContain('spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    // A token dies with its ServiceAccount.
    expect(admin(['delete', 'serviceaccount', 'robot']).code).toBe(0);
    expect(withToken(token.stdout.trim(), ['get', 'pods']).stderr).toBe('error: You must be logged in to the server (Unauthorized)\n');
  });

  it('an anonymous caller reaches /version and /healthz, and nothing else', async () => {
    const anonymous = fetchTrusting({ ca: lab.credentials.ca });
    expect((await anonymous(`${lab.apiUrl}/version`)).status).toBe(200);
    expect((await anonymous(`${lab.apiUrl}/healthz`)).status).toBe(200);
    const pods = await anonymous(`${lab.apiUrl}/api/v1/pods`);
    expect(pods.status).toBe(403);
    expect(await pods.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, details: { kind: 'pods' },
      message: 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope',
    });
    const api = await anonymous(`${lab.apiUrl}/api`);
    expect(api.status).toBe(403);
    expect(((await api.json()) as { message: string }).message).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
  });
});
