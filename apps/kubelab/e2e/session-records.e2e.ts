/**
 * exec, attach and port-forward with the real kubectl leave no core Event (a cluster writes
 * none for them: `kubectl get events` and `kubectl describe pod` stay as they were), while
 * the lab's own record keeps them: SessionStarted and SessionEnded entries about the pod in
 * the event log, which `kubelab events` and `kubelab why` show.
 */
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import type { LogEntry } from '@kubelab/event-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('exec, attach and port-forward sessions (the real kubectl)', () => {
  let lab: TestLab;
  /** The log's head before the suite: the shared lab's log holds other suites' sessions before it. */
  let since: string;

  /** The session entries about pod `web` of the suite's namespace since it started. */
  const sessions = (): LogEntry[] => {
    const listed = lab.kubelab(['events', '--kind', 'Pod', '--namespace', lab.namespace, '--name', 'web', '--since', since, '-o', 'json']);
    expect(listed.status, listed.stderr).toBe(0);
    return listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry).filter((e) => e.type.startsWith('Session'));
  };
  const recorded = (type: string, stream: string) => sessions().some((e) => e.type === type && (e.object as { stream?: string }).stream === stream);

  beforeAll(async () => {
    lab = await sharedLab('session-records');
    since = String((await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces`)).json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).code).toBe(0);
    expect((await lab.kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s'], { timeoutMs: 70_000 })).code).toBe(0);
  });
  afterAll(() => lab?.stop());

  it('records exec, attach and port-forward in the lab\'s log, and writes no Event kubectl shows', async () => {
    const exec = await lab.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo inside; exit 3']);
    expect(exec).toMatchObject({ code: 3, stdout: 'inside\n' });

    const attach = lab.kubectl.spawn(['attach', 'web']);
    try {
      await waitFor(() => recorded('SessionStarted', 'attach'), 'the attach session in the log');
    } finally {
      attach.stop();
    }

    const forward = lab.kubectl.spawn(['port-forward', 'pod/web', ':80']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:(\d+)/.test(forward.output()), 'kubectl port-forward listening');
      const local = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(forward.output())![1];
      expect(await (await fetch(`http://127.0.0.1:${local}/`)).text()).toContain('Welcome to nginx!');
      await waitFor(() => recorded('SessionStarted', 'portforward'), 'the port-forward session in the log');
    } finally {
      forward.stop();
    }
    await waitFor(() => recorded('SessionEnded', 'exec'), 'the end of the exec session in the log');

    const events = JSON.parse((await lab.kubectl(['get', 'events', '-o', 'json'])).stdout) as { items: { reason?: string; involvedObject?: { name?: string } }[] };
    expect(events.items.filter((e) => e.involvedObject?.name === 'web').map((e) => e.reason)).not.toEqual(expect.arrayContaining(['Exec']));
    expect(events.items.map((e) => e.reason).filter((r) => r === 'Exec' || r === 'Attach' || r === 'PortForward')).toEqual([]);
    const described = (await lab.kubectl(['describe', 'pod', 'web'])).stdout;
    expect(described).toMatch(/\nEvents:\n/);
    expect(described).not.toMatch(/\s(Exec|Attach|PortForward)\s/);
    expect(described).not.toContain('kubectl exec');

    const ended = sessions().find((e) => e.type === 'SessionEnded' && (e.object as { stream?: string }).stream === 'exec')!;
    expect(ended.object).toMatchObject({ stream: 'exec', client: 'kubectl exec', container: 'nginx', command: ['sh', '-c', 'echo inside; exit 3'], outcome: 'exit code 3' });
    const started = sessions().find((e) => e.seq === ended.cause);
    expect(started).toMatchObject({ type: 'SessionStarted', kind: 'Pod', namespace: lab.namespace, name: 'web' });

    const why = lab.kubelab(['why', 'pod/web', '-n', lab.namespace]);
    expect(why.status, why.stderr).toBe(0);
    expect(why.stdout).toContain(`sessions in Pod ${lab.namespace}/web (exec, attach, port-forward):`);
    expect(why.stdout).toContain(`ran "sh -c 'echo inside; exit 3'" in container nginx via kubectl exec: exit code 3`);
    expect(why.stdout).toMatch(/attached to container nginx via kubectl attach/);
    expect(why.stdout).toMatch(/forwarded a connection to port 80 via kubectl port-forward/);
  });
});
