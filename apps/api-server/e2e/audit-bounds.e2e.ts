/**
 * The event log is written only for callers who are someone, on a real lab: a thousand
 * anonymous requests with distinct names append nothing (they are counted at /metrics and
 * `kubelab events --refusals` shows the newest), and a user's flood of distinct forbidden
 * requests appends at most the api-server's audit rate (--audit-throttle-qps 10, burst 20),
 * the rest counted and said once in the api-server's log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnrecordedRefusal } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { fetchTrusting, sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The user the flood is by, named after the suite: users are lab-wide on the shared lab. */
const flooder = 'audit-bounds-flooder';
/** The api-server's default rate: 10 entries a second after a burst of 20. */
const qps = 10;
const burst = 20;

describe('what refusals grow the event log by', () => {
  let lab: TestLab;
  const entriesSince = (since: number, args: string[] = []): LogEntry[] => {
    const listed = lab.kubelab(['events', '--since', String(since), '-o', 'json', ...args]);
    expect(listed.status, listed.stderr).toBe(0);
    return listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
  };
  /** The log's last seq, as a list's resourceVersion reports it. */
  const lastSeq = async () => Number(((await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${lab.namespace}/configmaps`)).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  /** Sends `count` DELETEs of distinct ConfigMaps with `as`'s fetch, `parallel` at a time; their status codes. */
  const deletes = async (as: ReturnType<typeof fetchTrusting>, prefix: string, count: number, parallel = 50) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i += parallel) {
      const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) => as(`${lab.apiUrl}/api/v1/namespaces/${lab.namespace}/configmaps/${prefix}-${i + j}`, { method: 'DELETE' }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }));
      codes.push(...(await Promise.all(batch)));
    }
    return codes;
  };

  beforeAll(async () => {
    lab = await sharedLab('audit-bounds');
  }, 120_000);
  afterAll(() => lab?.stop());

  it('appends nothing for a thousand anonymous requests with distinct names, and shows the newest of them with kubelab events --refusals', async () => {
    const before = await lastSeq();
    const codes = await deletes(fetchTrusting({ ca: lab.credentials.ca }), 'stranger', 1000);
    expect(new Set(codes)).toEqual(new Set([403]));
    // A marker the admin writes after the flood: once the log has it, anything the flood appended would be in it too.
    expect((await lab.kubectl(['create', 'configmap', 'after-the-strangers'])).code).toBe(0);
    const appended = entriesSince(before);
    expect(appended.some((e) => e.name === 'after-the-strangers')).toBe(true);
    expect(appended.filter((e) => e.name.startsWith('stranger-'))).toEqual([]);
    expect(appended.filter((e) => e.type === 'Refused').filter((e) => !e.object.user || (e.object.user as { username?: string }).username === 'system:anonymous')).toEqual([]);

    const listed = lab.kubelab(['events', '--refusals', '-o', 'json']);
    expect(listed.status, listed.stderr).toBe(0);
    const kept = listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as UnrecordedRefusal);
    expect(kept).toHaveLength(100);
    expect(kept.at(-1)).toMatchObject({
      cause: 'Unauthenticated', user: { username: 'system:anonymous' }, verb: 'delete', resource: 'configmaps', namespace: lab.namespace, code: 403, reason: 'Forbidden', remoteAddress: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(kept.every((r) => r.name.startsWith('stranger-'))).toBe(true);
    const table = lab.kubelab(['events', '--refusals']).stdout;
    expect(table).toMatch(new RegExp(`Unauthenticated +\\S*127\\.0\\.0\\.1 +system:anonymous delete configmaps stranger-\\d+ \\(${lab.namespace}\\): 403 Forbidden`));
    expect(table).toMatch(/\d+ refused requests not recorded in the event log since the api-server started; the newest 100 shown/);

    const metrics = await (await lab.fetch(`${lab.apiUrl}/metrics`)).text();
    const anonymousCount = Number(/^kubelab_audit_refusals_not_recorded_total\{code="403",reason="Forbidden",cause="Unauthenticated"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(anonymousCount).toBeGreaterThanOrEqual(1000);
    expect((await fetchTrusting({ ca: lab.credentials.ca })(`${lab.apiUrl}/metrics`)).status).toBe(403);
    expect((await fetchTrusting({ ca: lab.credentials.ca })(`${lab.apiUrl}/kubelab/v1/refusals`)).status).toBe(403);
  });

  it('appends a user\'s flood of distinct forbidden requests at most at the audit rate, and says once what it did not', async () => {
    expect(lab.kubelab(['user', 'add', flooder]).status).toBe(0);
    const kubeconfig = parse(readFileSync(join(lab.dataDir, 'kubeconfig'), 'utf8')) as { users: { name: string; user: Record<string, string> }[] };
    const pem = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('utf8');
    const own = kubeconfig.users.find((u) => u.name === flooder)!.user;
    const asFlooder = fetchTrusting({ ca: lab.credentials.ca, cert: pem(own['client-certificate-data']), key: pem(own['client-key-data']) });

    const before = await lastSeq();
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    /** The most the log may take of a flood that lasted `seconds`. */
    const allowed = (seconds: number) => burst + qps * Math.ceil(seconds + 1);
    let sent = 0;
    // At least 3 s, and on until more was sent than the rate lets through (a loaded machine sends fewer per second).
    while (elapsed() < 3 || sent <= allowed(elapsed())) {
      if (elapsed() > 60) throw new Error(`sent only ${sent} refused requests in 60 s: fewer than the audit rate lets through, so the flood proves nothing`);
      const codes = await deletes(asFlooder, `flood-${sent}`, 50);
      expect(new Set(codes)).toEqual(new Set([403]));
      sent += codes.length;
    }
    const seconds = elapsed();
    // Identical refusals within a second are folded after one: each written entry here stands for one distinct request.
    const mine = () => entriesSince(before, ['--type', 'Refused']).filter((e) => (e.object.user as { username?: string } | undefined)?.username === flooder);
    const recorded = await waitFor(() => {
      const found = mine();
      return found.length >= burst && found;
    }, 'the flooder\'s first refusals in the log', 10_000, 100);
    expect(sent).toBeGreaterThan(allowed(seconds));
    expect(recorded.length).toBeLessThanOrEqual(allowed(seconds));

    const log = join(lab.dataDir, 'logs', 'api-server.log');
    const said = () => (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').filter((l) => l.includes(`"user":"${flooder}"`) && l.includes('not recorded in the event log'));
    const [line] = await waitFor(() => said().length > 0 && said(), 'the api-server to say what it did not record', 15_000, 200);
    expect(said()).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ level: 40, user: flooder, count: sent - mine().length, qps, burst });
    const metrics = await (await lab.fetch(`${lab.apiUrl}/metrics`)).text();
    expect(metrics).toMatch(/^kubelab_audit_refusals_not_recorded_total\{code="403",reason="Forbidden",cause="RateLimited"\} \d+$/m);
  });
});
