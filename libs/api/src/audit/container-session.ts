/**
 * An exec, attach or port-forward session as the event log keeps it: a SessionStarted entry
 * about the pod when the api-server opens it, a SessionEnded entry (its cause the start) when
 * it ends. A cluster writes no core Event for these (kube-apiserver only audits the request),
 * so the lab keeps them as its own audit entries: `kubelab why` and `kubelab events` read
 * them, `kubectl get events` and `kubectl describe` never see them. Who, what and how it
 * ended; never the session's bytes.
 */

/** The three streaming subresources of a pod. */
export type SessionStream = 'exec' | 'attach' | 'portforward';

/** What a SessionStarted entry's object holds; a SessionEnded entry adds `outcome`. */
export interface ContainerSession {
  stream: SessionStream;
  /** The authenticated user who opened it. */
  user: string;
  /** With what: `kubectl exec`, `kubectl port-forward`, a client library's User-Agent. */
  client: string;
  /** exec and attach: the container. */
  container?: string;
  /** exec: the argv. */
  command?: string[];
  /** port-forward: the pod's port this one connection went to. */
  port?: number;
  /** SessionEnded: `exit code 0`, `exit code 3`, `closed`, or `error: …`. */
  outcome?: string;
}
