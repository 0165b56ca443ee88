/**
 * Every refusal of a caller who is someone is an audit entry in the event log, with the real
 * kubectl on a lab: a user RBAC refuses, an impersonated user, a pod the ResourceQuota
 * refuses, one PodSecurity refuses, one validation refuses — each listed by `kubelab events
 * --type Refused` with who, what and why; a bad token is not in the log but in `kubelab
 * events --refusals`; a refused pod never becomes an object, in kubectl or in the log; a
 * client hammering a refused request is coalesced; and the log still replays to exactly the
 * live objects.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sharedLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import type { AuditRecord, LogEntry } from '@kubelab/event-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A Refused entry of the log: its object is the refusal's audit record, not a Kubernetes object. */
type RefusedEntry = Omit<LogEntry, 'object'> & { object: AuditRecord };

// The user, and the namespaces the suite creates, are named after it: users and namespaces are lab-wide on the shared lab.
const alice = 'refusals-alice';
const capped = 'refusals-capped';
const locked = 'refusals-locked';

describe('refusals in the event log (the real kubectl)', () => {
  let lab: TestLab;
  let cache: string;
  /** The seq the suite started at: the shared lab's log holds other suites' refusals before it. */
  let since: string;
  const kubectlIn = (context: string, args: string[], stdin?: string) => {
    const run = spawnSync('kubectl', ['--kubeconfig', join(lab.dataDir, 'kubeconfig'), '--context', context, '--cache-dir', join(cache, context), '--namespace', lab.namespace, ...args], { encoding: 'utf8', timeout: 20_000, input: stdin });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const admin = (args: string[], stdin?: string) => kubectlIn('kubelab', args, stdin);
  const refused = (): RefusedEntry[] => {
    const listed = lab.kubelab(['events', '--type', 'Refused', '--since', since, '-o', 'json']);
    expect(listed.status, listed.stderr).toBe(0);
    return listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RefusedEntry);
  };
  const tableRows = () => lab.kubelab(['events', '--type', 'Refused', '--since', since]).stdout;

  beforeAll(async () => {
    cache = tempDir('kubectl-cache');
    lab = await sharedLab('refusals');
    since = ((await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${lab.namespace}/configmaps`)).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    expect(lab.kubelab(['user', 'add', alice]).status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (lab) await lab.kubectl(['delete', 'namespace', capped, locked, '--ignore-not-found', '--wait=false']);
    lab?.stop();
  });

  it('lists a user refused by RBAC once, with who, what and why', () => {
    expect(kubectlIn(alice, ['get', 'pods']).code).toBe(1);
    const ns = lab.namespace;
    const message = `pods is forbidden: User "${alice}" cannot list resource "pods" in API group "" in the namespace "${ns}"`;
    const entries = refused().filter((e) => e.object.user?.username === alice);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      type: 'Refused', kind: 'Pod', namespace: ns, name: '', actor: 'user:kubectl get',
      object: { user: { username: alice, groups: ['system:authenticated'] }, verb: 'list', resource: 'pods', namespace: ns, code: 403, reason: 'Forbidden', message, dryRun: false, count: 1 },
    });
    expect(tableRows()).toMatch(new RegExp(`Refused +Pod ${ns}/\\* +${alice} list pods \\(${ns}\\): 403 Forbidden: ${message.replace(/[()"]/g, '\\$&')}`));
  });

  it('names the impersonated user as who', () => {
    expect(admin(['get', 'secrets', '--as', 'bob']).code).toBe(1);
    const [entry] = refused().filter((e) => e.object.user?.username === 'bob');
    expect(entry.object).toMatchObject({ verb: 'list', resource: 'secrets', code: 403 });
  });

  it('records admission refusals (quota, PodSecurity) and validation without ever persisting the pod', () => {
    expect(admin(['create', 'namespace', capped]).code).toBe(0);
    expect(admin(['create', 'quota', 'no-pods', '-n', capped, '--hard=pods=0']).code).toBe(0);
    const quota = admin(['run', 'web', '-n', capped, '--image=nginx']);
    expect(quota.stderr).toContain('pods "web" is forbidden: exceeded quota: no-pods');
    expect(admin(['create', 'namespace', locked]).code).toBe(0);
    expect(admin(['label', 'namespace', locked, 'pod-security.kubernetes.io/enforce=restricted']).code).toBe(0);
    const privileged = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root', namespace: locked }, spec: { containers: [{ name: 'c', image: 'busybox:1.28', securityContext: { privileged: true } }] } };
    expect(admin(['apply', '-n', locked, '-f', '-'], JSON.stringify(privileged)).stderr).toContain('violates PodSecurity "restricted:latest"');
    expect(admin(['run', 'Bad_Name', '--image=nginx']).stderr).toContain('is invalid');

    const entries = refused();
    const byTarget = (ns: string, name: string) => entries.filter((e) => e.kind === 'Pod' && e.namespace === ns && e.name === name);
    expect(byTarget(capped, 'web').map((e) => [e.object.verb, e.object.code, e.object.message?.includes('exceeded quota: no-pods')])).toEqual([['create', 403, true]]);
    expect(byTarget(locked, 'root').map((e) => [e.object.code, e.object.reason])).toEqual([[403, 'Forbidden']]);
    expect(entries.filter((e) => e.object.code === 422).map((e) => [e.kind, e.name, e.object.reason])).toEqual([['Pod', 'Bad_Name', 'Invalid']]);
    for (const e of entries) expect(Object.keys(e.object)).not.toContain('spec');

    expect(admin(['get', 'pods', '-n', capped]).stderr).toBe(`No resources found in ${capped} namespace.\n`);
    expect(admin(['get', 'pods', '-n', locked]).stderr).toBe(`No resources found in ${locked} namespace.\n`);
    const web = lab.kubelab(['events', '--kind', 'Pod', '--namespace', capped, '--name', 'web', '-o', 'json']).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RefusedEntry);
    expect(web.map((e) => e.type)).toEqual(['Refused']);
    const why = lab.kubelab(['why', 'pod/web', '-n', capped]);
    expect(why.stdout).toContain('exceeded quota: no-pods');
    expect(why.stdout).toContain(`Pod ${capped}/web was never created`);
  });

  it('keeps a bad token\'s 401s out of the log, and shows them with kubelab events --refusals', () => {
    const run = spawnSync('kubectl', ['--kubeconfig', '/dev/null', '--server', lab.apiUrl, '--certificate-authority', join(lab.dataDir, 'pki', 'ca.crt'), '--token', 'not.a.token',
      '--cache-dir', join(cache, 'token'), 'get', 'pods'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toContain('error: You must be logged in to the server');
    expect(refused().filter((e) => e.object.code === 401 || !e.object.user)).toEqual([]);
    const listed = lab.kubelab(['events', '--refusals', '-o', 'json']);
    expect(listed.status, listed.stderr).toBe(0);
    const unauthorized = listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.code === 401);
    expect(unauthorized.length).toBeGreaterThan(0);
    for (const r of unauthorized) expect(r).toMatchObject({ cause: 'Unauthenticated', reason: 'Unauthorized', message: 'Unauthorized' });
    for (const r of unauthorized) expect(r.user).toBeUndefined();
    expect(lab.kubelab(['events', '--refusals']).stdout).toMatch(/Unauthenticated +\S+ +\(unauthenticated\) get \/api: 401 Unauthorized: Unauthorized/);
  });

  it('coalesces a client retrying a refused request in a tight loop into a first entry and one with the count', async () => {
    const tries = 40;
    // As alice through the admin's impersonation: a fetch retries far faster than a kubectl process starts.
    const asAlice = { headers: { 'impersonate-user': alice } };
    for (let i = 0; i < tries; i++) expect((await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${capped}/configmaps`, asAlice)).status).toBe(403);
    const burst = () => refused().filter((e) => e.object.user?.username === alice && e.object.resource === 'configmaps');
    const entries = await waitFor(() => {
      const found = burst();
      return found.reduce((sum, e) => sum + (e.object.count ?? 0), 0) === tries && found;
    }, 'the burst\'s counts to add up', 10_000, 100);
    expect(entries.length).toBeLessThanOrEqual(6);
    expect(entries[0].object.count).toBe(1);
  });

  it('leaves the replay equal to the live objects', () => {
    const verified = lab.kubelab(['verify']);
    expect(verified.stdout, verified.stderr).toContain('the event log and the live state agree');
  });
});
