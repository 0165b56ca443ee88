/**
 * exec, attach and port-forward sessions as the api-server carries them: it
 * records each session in the event log as the lab's own audit entries about the pod
 * (SessionStarted: who, which container, the command; SessionEnded: how it ended —
 * never its bytes), not as core v1 Events, which a cluster does not write for them,
 * and connects the client to the agent of the pod's node over NATS. The start's seq
 * travels to the agent as the cause of whatever the session makes happen there, so
 * `kubelab why` can say a container restarted because someone ran `kill 1` in it.
 */
import { ApiError, serviceUnavailable, type ContainerSession, type StatusBody } from '@kubelab/api';
import { openContainerStream, type StreamEnd } from '@kubelab/bus';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from '../streams/container-stream.js';

function exitOf(end: StreamEnd): string {
  const s = end.status as { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
  if (s.status === 'Success') return 'exit code 0';
  const code = s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  return code !== undefined ? `exit code ${code}` : `error: ${s.message ?? s.reason ?? 'unknown'}`;
}

/** What the log keeps of a session: who, with what, into what. */
function sessionOf(target: StreamTarget, client: string): ContainerSession {
  return {
    stream: target.kind, user: target.user, client,
    ...(target.container ? { container: target.container } : {}),
    ...(target.kind === 'exec' ? { command: target.command ?? [] } : {}),
    ...(target.port !== undefined ? { port: target.port } : {}),
  };
}

/** Writes the session's start and, once it ends, its outcome. */
export class SessionRecorder {
  constructor(private readonly audit: AuditRecorder, private readonly log: Logger) {}

  /** Records the start; resolves with its seq, or undefined when the log refused it. */
  async started(target: StreamTarget, client: string): Promise<number | undefined> {
    const pod = { namespace: target.namespace, name: target.pod, uid: target.podUid };
    return this.audit.session('SessionStarted', pod, sessionOf(target, client)).catch((e: Error) => {
      this.log.warn({ err: e.message, pod: target.pod }, 'session not recorded');
      return undefined;
    });
  }

  /** Records how the session that started at `startSeq` ended. */
  async ended(target: StreamTarget, startSeq: number, client: string, end: StreamEnd): Promise<void> {
    const pod = { namespace: target.namespace, name: target.pod, uid: target.podUid };
    const outcome = target.kind === 'portforward' ? 'closed' : exitOf(end);
    await this.audit.session('SessionEnded', pod, { ...sessionOf(target, client), outcome }, startSeq)
      .catch((e: Error) => this.log.warn({ err: e.message, pod: target.pod }, 'session end not recorded'));
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
    const startSeq = await recorder.started(target, client);
    const opened = await openContainerStream(nc, target.node, {
      kind: target.kind, namespace: target.namespace, pod: target.pod, podUid: target.podUid, container: target.container,
      command: target.command, stdin: target.stdin, stdout: target.stdout, stderr: target.stderr, tty: target.tty,
      port: target.port, user: target.user, recordSeq: startSeq,
    });
    if (!opened.ok) {
      const error = opened.status ? refusal(opened.status) : serviceUnavailable(`no kubelet-agent is reachable for node "${target.node}"`);
      if (startSeq !== undefined) await recorder.ended(target, startSeq, client, { status: error.status as unknown as Record<string, unknown> });
      throw error;
    }
    const stream: ContainerStream = {
      ...opened.stream,
      // The outcome reaches the client at once; its record follows in the log.
      done: opened.stream.done.then((end) => {
        if (startSeq !== undefined) void recorder.ended(target, startSeq, client, end);
        return { status: end.status as unknown as Status };
      }),
    };
    return stream;
  };
}
