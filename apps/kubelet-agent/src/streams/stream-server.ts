/**
 * The kubelet's streaming server, emulated: exec runs a process in an emulated
 * container, attach joins its main process, port-forward opens one TCP
 * connection to a port a container listens on. Each session arrives over NATS
 * (libs/bus container-streams) and is refused with the kubelet's own words when
 * there is nothing to connect to.
 */
import type { AgentStream, StreamOpen } from '@kubelab/bus';
import type { PodWorker } from '../pod-worker/pod-worker.js';
import { HttpConnection } from '../runtime/http-connection.js';
import { runAttach, runExec } from './process-sessions.js';

type Refusal = { ok: false; status: Record<string, unknown> };
type Acceptance = { ok: true; run: (stream: AgentStream) => void };

const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };

/** The kubelet's refusal of a session, as a Status. */
export function failure(code: number, reason: string, message: string): Refusal {
  return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

/** containerd's words for a port nothing listens on; the api-server adds the kubelet's `error forwarding port …` before them. */
export function portRefusedMessage(request: StreamOpen): string {
  const sandbox = request.podUid.replaceAll('-', '').padEnd(64, '0').slice(0, 64);
  const port = request.port;
  return `failed to execute portforward in network namespace "/var/run/netns/cni-${request.podUid}": `
    + `failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

/** Decides on one session for a pod of this agent (`worker` undefined: the pod does not run here). */
export function acceptStream(request: StreamOpen, worker: PodWorker | undefined): Refusal | Acceptance {
  if (!worker) return failure(404, 'NotFound', `pod not found ("${request.pod}_${request.namespace}")`);
  if (request.kind === 'portforward') return acceptPortForward(request, worker);
  const container = worker.runningContainer(request.container ?? '');
  if (!container) return failure(500, 'InternalError', `container not found ("${request.container}")`);
  if (request.kind === 'attach') return { ok: true, run: (stream) => runAttach(container, request, stream) };
  return { ok: true, run: (stream) => runExec(container, request, stream) };
}

function acceptPortForward(request: StreamOpen, worker: PodWorker): Refusal | Acceptance {
  const port = request.port ?? 0;
  const container = worker.containerListening(port);
  if (!container) return failure(500, 'InternalError', portRefusedMessage(request));
  return {
    ok: true,
    run: (stream) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        stream.finish({ status: success });
      };
      if (!container.speaksHttp) {
        // A server of another protocol: it takes the bytes and waits for its own conversation.
        stream.onInput(() => undefined);
        stream.onEof(finish);
        return;
      }
      // kubectl port-forward connects from inside the pod's network namespace: its client is 127.0.0.1.
      const answer = (method: string, target: string, host: string | undefined) => container.httpAnswer(port, method, target, { clientIP: '127.0.0.1', ...(host === undefined ? {} : { host }) });
      const connection = new HttpConnection(answer, { write: (bytes) => stream.send(1, bytes), close: finish }, container.serverName);
      stream.onInput((data) => connection.feed(data));
      stream.onEof(() => void connection.feed(new Uint8Array()).then(finish));
    },
  };
}
