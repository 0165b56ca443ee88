/**
 * The contract between the api-server's streaming endpoints (pods/exec, pods/attach,
 * pods/portforward) and whatever reaches the container: the kubelet-agent over NATS in the
 * lab, a fake in tests. The HTTP side speaks every client protocol (WebSocket v5/v4 channels,
 * SPDY/3.1, port-forward's WebSocket tunnel) and hands each session to one of these.
 */
import { serviceUnavailable, type StatusBody } from '@kubelab/api';

/** What to open: validated by the api-server as kube-apiserver's pod REST does before it calls the backend. */
export interface StreamTarget {
  kind: 'exec' | 'attach' | 'portforward';
  namespace: string;
  pod: string;
  podUid: string;
  node: string;
  /** exec/attach: always set, the single container when the client named none. */
  container?: string;
  /** exec: the argv, as the repeated `command=` query parameters gave it. */
  command?: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  /** portforward: one TCP connection to this port. */
  port?: number;
  /** Who asked: the authenticated user. */
  user: string;
  /** With what: `kubectl exec`, `kubectl port-forward`, a client library's User-Agent. */
  client?: string;
}

/**
 * The kubelet's error-channel Status: `{status:'Success'}`, or Failure with reason
 * NonZeroExitCode and details.causes [{reason:'ExitCode', message:'3'}] (kubectl prints
 * `command terminated with exit code 3` and exits 3), or InternalError with a message.
 *
 * A port-forward connection that failed (nothing listens on the port) ends with a Failure
 * whose message is the runtime's text, which the api-server prefixes as the kubelet does
 * (`error forwarding port 80 to pod <podUid>, uid : …`) on the error stream; containerd 1.7
 * words it `failed to execute portforward in network namespace "/var/run/netns/cni-…": failed
 * to connect to localhost:80 inside namespace "<sandbox id>", IPv4: dial tcp4 127.0.0.1:80:
 * connect: connection refused IPv6 dial tcp6 [::1]:80: connect: connection refused ` (trailing
 * space included). Rejecting `open` with an ApiError gets the same treatment for port-forward.
 */
export interface StreamOutcome {
  status: Status;
}

/** metav1.Status as the kubelet writes it on the error channel (`{"metadata":{},"status":"Success"}` when all went well). */
export interface Status {
  kind?: 'Status';
  apiVersion?: 'v1';
  metadata?: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusBody['details'];
  code?: number;
}

/** One live session with a container (exec/attach) or one forwarded TCP connection. */
export interface ContainerStream {
  /** stdin / TCP bytes toward the container; resolves when the backend has room (the api-server stops reading the client until then). */
  write(data: Uint8Array): Promise<void>;
  /** stdin EOF / TCP half-close. */
  end(): void;
  /** The terminal's new size (tty only). */
  resize(width: number, height: number): void;
  /**
   * stdout (1) and stderr (2); port-forward uses 1 only. The api-server registers one handler
   * right after opening; the backend awaits the handler's promise before the next call, which
   * is how a slow client slows the container down.
   */
  onData(handler: (channel: 1 | 2, data: Uint8Array) => void | Promise<void>): void;
  /** Settles when the session is over, after the last onData call. Never rejects. */
  readonly done: Promise<StreamOutcome>;
  /** The client is gone: tear everything down; `done` still settles. */
  cancel(): void;
}

/**
 * Opens a stream; rejects with an ApiError (from @kubelab/api) when the kubelet refuses, e.g.
 * the container is not running. Its message is the kubelet's text (`container not found
 * ("main")`) and its code the kubelet's HTTP status (500; 404 for what the runtime reports as
 * NotFound). The api-server relays it as kube-apiserver 1.32 does: to a WebSocket client on
 * the error channel after the upgrade (kubectl prints `error: Internal error occurred: unable
 * to upgrade connection: container not found ("main")`), to a SPDY client as the upgrade's
 * answer (`error: unable to upgrade connection: container not found ("main")`); for a
 * port-forward connection, on its error stream.
 */
export type OpenContainerStream = (target: StreamTarget) => Promise<ContainerStream>;

/**
 * The api-server without a backend: every stream is refused as a cluster whose kubelets are
 * out of reach. The text has no `: ` in it because client-go reads a SPDY refusal's body as
 * YAML first, and `a: b` would decode to an empty Status.
 */
export const noKubeletAgent: OpenContainerStream = (target) =>
  Promise.reject(serviceUnavailable(`no kubelet-agent is reachable for node "${target.node}"`));
