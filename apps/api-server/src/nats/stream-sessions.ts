/**
 * exec, attach and port-forward sessions as the api-server carries them: it
 * writes each session to the event log as a core v1 Event about the pod (who,
 * which container, the command; then when it ended and its exit code — never
 * its bytes), and connects the client to the agent of the pod's node over NATS.
 * The Event's seq travels to the agent as the cause of whatever the session
 * makes happen there, so `kubelab why` can say a container restarted because
 * someone ran `kill 1` in it.
 */
import { hostname } from 'node:os';
import { ApiError, resourceTypes, serviceUnavailable, type KubeObject, type StatusBody } from '@kubelab/api';
import { eventNameSuffix, openContainerStream, type StreamEnd } from '@kubelab/bus';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { ApiService } from '../api.service.js';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from '../streams/container-stream.js';

const eventType = resourceTypes.find((t) => t.kind === 'Event' && t.group === '')!;
const reasons = { exec: 'Exec', attach: 'Attach', portforward: 'PortForward' } as const;
const options = { fieldValidation: 'Ignore' as const, fieldManager: 'kube-apiserver' };

/** `sh -c 'exit 3'` as a person would type it back. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

function whatRan(target: StreamTarget): string {
  if (target.kind === 'exec') return `ran "${commandLine(target.command ?? [])}" in container ${target.container}`;
  if (target.kind === 'attach') return `attached to container ${target.container}`;
  return `forwarded a connection to port ${target.port}`;
}

function exitOf(end: StreamEnd): string {
  const s = end.status as { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
  if (s.status === 'Success') return 'exit code 0';
  const code = s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  return code !== undefined ? `exit code ${code}` : `error: ${s.message ?? s.reason ?? 'unknown'}`;
}

/** Writes the session's Event and, once it ends, its outcome. */
export class SessionRecorder {
  constructor(private readonly api: ApiService, private readonly log: Logger) {}

  /** Records the start; resolves with the Event's name and seq, or undefined when the log refused it. */
  async started(target: StreamTarget, client: string): Promise<{ name: string; seq: number } | undefined> {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const name = `${target.pod}.${eventNameSuffix()}`;
    const body: KubeObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: target.namespace, annotations: { 'kubelab.dev/session-user': target.user, 'kubelab.dev/session-client': client } },
      involvedObject: {
        apiVersion: 'v1', kind: 'Pod', name: target.pod, namespace: target.namespace, uid: target.podUid,
        ...(target.container ? { fieldPath: `spec.containers{${target.container}}` } : {}),
      },
      reason: reasons[target.kind], type: 'Normal',
      message: `${target.user} ${whatRan(target)} via ${client}`,
      source: { component: 'kube-apiserver', host: hostname() },
      firstTimestamp: now, lastTimestamp: now, count: 1, reportingComponent: 'kube-apiserver', reportingInstance: hostname(),
    };
    try {
      const result = await this.api.execute({ type: 'Create', resource: eventType, namespace: target.namespace, body, options }, target.user);
      return { name, seq: Number(JSON.parse(result.body).metadata.resourceVersion) };
    } catch (e) {
      this.log.warn({ err: (e as Error).message, pod: target.pod }, 'session not recorded');
      return undefined;
    }
  }

  /** Adds how the session ended to its Event. */
  async ended(target: StreamTarget, record: { name: string; seq: number }, client: string, end: StreamEnd): Promise<void> {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const patch = {
      message: `${target.user} ${whatRan(target)} via ${client}: ${target.kind === 'portforward' ? 'closed' : exitOf(end)}`,
      lastTimestamp: now,
      metadata: { annotations: { 'kubelab.dev/session-ended': now } },
    };
    await this.api.execute(
      { type: 'Patch', patchType: 'merge', patch, resource: eventType, namespace: target.namespace, name: record.name, options },
      target.user, record.seq,
    ).catch((e: Error) => this.log.warn({ err: e.message, pod: target.pod }, 'session end not recorded'));
  }
}

function refusal(status: Record<string, unknown>): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status } as StatusBody);
}

/**
 * The backend the HTTP layer opens streams with: record, ask the node's agent,
 * and record the outcome when the stream ends (also when it was refused).
 */
export function natsStreamBackend(nc: NatsConnection, recorder: SessionRecorder): OpenContainerStream {
  return async (target) => {
    const client = target.client ?? 'unknown';
    const record = await recorder.started(target, client);
    const opened = await openContainerStream(nc, target.node, {
      kind: target.kind, namespace: target.namespace, pod: target.pod, podUid: target.podUid, container: target.container,
      command: target.command, stdin: target.stdin, stdout: target.stdout, stderr: target.stderr, tty: target.tty,
      port: target.port, user: target.user, recordSeq: record?.seq,
    });
    if (!opened.ok) {
      const error = opened.status ? refusal(opened.status) : serviceUnavailable(`no kubelet-agent is reachable for node "${target.node}"`);
      if (record) await recorder.ended(target, record, client, { status: error.status as unknown as Record<string, unknown> });
      throw error;
    }
    const stream: ContainerStream = {
      ...opened.stream,
      // The outcome reaches the client at once; its record follows in the log.
      done: opened.stream.done.then((end) => {
        if (record) void recorder.ended(target, record, client, end);
        return { status: end.status as unknown as Status };
      }),
    };
    return stream;
  };
}
