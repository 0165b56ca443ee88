/**
 * What a pods/exec, pods/attach or pods/portforward request addresses, checked as
 * kube-apiserver's pod REST checks it (pkg/registry/core/pod/strategy.go streamLocation,
 * validateContainer, PortForwardLocation) and as the kubelet checks the options
 * (remotecommand NewOptions). Pure: the pod in, a target or an ApiError out.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { badRequest, queryBool, type KubeObject, type Pod } from '@kubelab/api';
import type { StreamTarget } from './container-stream.js';

/** The user of a stream whose server checks nobody (an api-server built without authentication, as in unit tests). */
export const streamUser = 'kubelab-admin';

/** `stdin=1`, `stdin=true`, Python's `stdin=True`: kube-apiserver's query booleans. */
function flag(params: URLSearchParams, name: string): boolean {
  return queryBool(params.get(name) ?? undefined);
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map((c: { name?: unknown }) => String(c?.name ?? '')) : [];
}

/** validateContainer: the named container must be one of the pod's; none named means the only one. */
function resolveContainer(pod: KubeObject, container: string): string {
  const name = pod.metadata.name ?? '';
  const spec: Partial<PodSpec> = (pod as Pod).spec ?? {};
  if (container === '') {
    const regular = names(spec.containers);
    if (regular.length === 1) return regular[0];
    if (regular.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    const all = [...names(spec.initContainers), ...regular, ...names(spec.ephemeralContainers)];
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
  }
  const all = [...names(spec.initContainers), ...names(spec.containers), ...names(spec.ephemeralContainers)];
  if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

function nodeOf(pod: KubeObject): string {
  const node = (pod as Pod).spec?.nodeName;
  if (typeof node !== 'string' || node === '') throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  return node;
}

/**
 * exec and attach. Beyond kube-apiserver's checks, a finished pod is refused here with the
 * words kubectl uses for it, so every client (not only kubectl, which checks first) hears it.
 */
export function execTarget(kind: 'exec' | 'attach', pod: KubeObject, params: URLSearchParams, user = streamUser): StreamTarget {
  const container = resolveContainer(pod, params.get('container') ?? '');
  const node = nodeOf(pod);
  const phase = (pod as Pod).status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw badRequest(kind === 'exec'
      ? `cannot exec into a container in a completed pod; current phase is ${phase}`
      : `cannot attach a container in a completed pod; current phase is ${phase}`);
  }
  const tty = flag(params, 'tty');
  const stdin = flag(params, 'stdin');
  const stdout = flag(params, 'stdout');
  // The kubelet drops stderr under a terminal: a tty has one output.
  const stderr = flag(params, 'stderr') && !tty;
  if (!stdin && !stdout && !stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const target: StreamTarget = {
    kind, namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name ?? '', podUid: pod.metadata.uid ?? '', node,
    container, stdin, stdout, stderr, tty, user,
  };
  if (kind === 'exec') {
    const command = params.getAll('command');
    if (command.length === 0) throw badRequest('you must specify at least one command for the container');
    target.command = command;
  }
  return target;
}

/** A port-forward session's target before its ports: one ContainerStream per TCP connection adds the port. */
export function portForwardTarget(pod: KubeObject, user = streamUser): StreamTarget {
  const node = nodeOf(pod);
  return {
    kind: 'portforward', namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name ?? '', podUid: pod.metadata.uid ?? '', node,
    stdin: true, stdout: true, stderr: false, tty: false, user,
  };
}

/** A port as a stream header or the `ports=` query gives it, worded as the kubelet refuses one. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65535) throw badRequest(`unable to parse "${text}" as a port: invalid syntax`);
  if (port === 0) throw badRequest(`port "${text}" must be > 0`);
  return port;
}

/** The WebSocket form's `ports=80,8080` (also repeated): one data and one error channel per port. */
export function forwardedPorts(params: URLSearchParams): number[] {
  const ports = params.getAll('ports').flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean).map(parsePort);
  if (ports.length === 0) throw badRequest('query parameter "port" is required');
  return ports;
}
