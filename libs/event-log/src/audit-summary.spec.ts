import { describe, expect, it } from 'vitest';
import { commandLine, dropsOfPod, dropSummary, refusalSummary, sessionSummary } from './audit-summary.js';
import type { LogEntry } from './log-entry.js';
import { objectRef } from './object-ref.js';
import { summarize } from './event-summary.js';

const forbidden = 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"';
const refusal = { user: { username: 'alice', groups: ['system:authenticated'] }, verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: '', code: 403, reason: 'Forbidden', message: forbidden, dryRun: false, via: 'https' as const, count: 1 };
const drop = {
  source: { ip: '10.244.1.6', namespace: 'default', name: 'client', uid: 'uid-client' },
  destination: { ip: '10.244.1.5', namespace: 'default', name: 'web', uid: 'uid-web', port: 80, protocol: 'TCP' as const },
  denials: [{ direction: 'Ingress' as const, pod: 'default/web', policies: ['default/default-deny-ingress'] }],
  explanation: 'ingress of default/web is isolated by NetworkPolicy default/default-deny-ingress and no policy allows from default/client on TCP 80',
  count: 1,
};
const entry = (seq: number, type: string, name: string, object: object, kind = 'Pod'): LogEntry => ({
  seq, time: '2026-11-22T00:00:00.000Z', type, kind, namespace: 'default', name, uid: '', actor: 'user:kubectl get', cause: null, object,
});

describe('refusalSummary', () => {
  it('says who, what and why', () => {
    expect(refusalSummary(refusal)).toBe(`alice list pods (default): 403 Forbidden: ${forbidden}`);
  });

  it('says an unauthenticated request is from nobody known, and names groups, subresources, dry runs and bursts', () => {
    expect(refusalSummary({ ...refusal, user: undefined, code: 401, reason: 'Unauthorized', message: 'Unauthorized', namespace: '' }))
      .toBe('(unauthenticated) list pods: 401 Unauthorized: Unauthorized');
    expect(refusalSummary({ ...refusal, verb: 'create', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web', dryRun: true, count: 12 }))
      .toBe(`alice create deployments.apps/scale web (default) [dry run]: 403 Forbidden: ${forbidden} (×12)`);
    expect(refusalSummary({ ...refusal, resource: '', path: '/version', verb: 'get', namespace: '' })).toBe(`alice get /version: 403 Forbidden: ${forbidden}`);
  });

  it('is what summarize and objectRef say of a Refused entry', () => {
    const e = entry(9, 'Refused', '', refusal);
    expect(summarize(e)).toBe(refusalSummary(refusal));
    expect(objectRef(e)).toBe('Pod default/*');
    expect(objectRef({ ...e, kind: '', namespace: '', object: { ...refusal, path: '/version' } })).toBe('/version');
  });
});

describe('dropSummary', () => {
  it('names both ends, the port and why', () => {
    expect(dropSummary(drop)).toBe(`default/client → default/web:80/TCP dropped: ${drop.explanation}`);
    expect(dropSummary({ ...drop, service: { namespace: 'default', name: 'web' }, count: 3 }))
      .toBe(`default/client → default/web:80/TCP (Service default/web) dropped: ${drop.explanation} (×3)`);
    expect(summarize(entry(10, 'ConnectionDropped', 'client', drop))).toBe(dropSummary(drop));
  });
});

describe('dropsOfPod', () => {
  it('tells the drops from a pod from those to it', () => {
    const out = entry(10, 'ConnectionDropped', 'client', drop);
    const other = entry(11, 'ConnectionDropped', 'other', { ...drop, destination: { ...drop.destination, name: 'db' } });
    const entries = [out, other, entry(12, 'PodCreated', 'client', {})];
    expect(dropsOfPod(entries, 'default', 'client')).toEqual({ from: [out], to: [] });
    expect(dropsOfPod(entries, 'default', 'web')).toEqual({ from: [], to: [out] });
  });
});

describe('sessionSummary', () => {
  const exec = { stream: 'exec' as const, user: 'kubernetes-admin', client: 'kubectl exec', container: 'nginx', command: ['sh', '-c', 'kill 1'] };

  it('says who ran what in which container, with what, and once ended how it ended', () => {
    expect(sessionSummary(exec)).toBe(`kubernetes-admin ran "sh -c 'kill 1'" in container nginx via kubectl exec`);
    expect(sessionSummary({ ...exec, outcome: 'exit code 0' })).toBe(`kubernetes-admin ran "sh -c 'kill 1'" in container nginx via kubectl exec: exit code 0`);
    expect(sessionSummary({ stream: 'attach', user: 'alice', client: 'kubectl attach', container: 'app' })).toBe('alice attached to container app via kubectl attach');
    expect(sessionSummary({ stream: 'portforward', user: 'alice', client: 'kubectl port-forward', port: 80, outcome: 'closed' }))
      .toBe('alice forwarded a connection to port 80 via kubectl port-forward: closed');
  });

  it('quotes a command as a person would type it back', () => {
    expect(commandLine(['sh', '-c', "echo 'hi' > /tmp/x"])).toBe(`sh -c 'echo '\\''hi'\\'' > /tmp/x'`);
    expect(commandLine(['ls', '-la', '/usr/share/nginx/html'])).toBe('ls -la /usr/share/nginx/html');
  });

  it('is what summarize and objectRef say of SessionStarted and SessionEnded entries', () => {
    expect(summarize(entry(3, 'SessionStarted', 'web', exec))).toBe(sessionSummary(exec));
    expect(summarize(entry(4, 'SessionEnded', 'web', { ...exec, outcome: 'exit code 137' }))).toBe(`${sessionSummary(exec)}: exit code 137`);
    expect(objectRef(entry(3, 'SessionStarted', 'web', exec))).toBe('Pod default/web');
  });
});
