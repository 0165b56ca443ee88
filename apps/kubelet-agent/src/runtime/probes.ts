/** Runs one probe against an emulated container, with the kubelet's pass/fail rules and output text. */
import type { Probe } from 'kubernetes-types/core/v1';
import type { EmulatedContainer } from './emulated-container.js';

export interface ProbeRun {
  success: boolean;
  output?: string;
}

function portOf(port: unknown, container: EmulatedContainer): number {
  return typeof port === 'number' ? port : Number(port) || container.namedPort(String(port));
}

/** What the kubelet reports when a handler fails: the container answers, but not well. */
function sabotagedRun(spec: Probe, container: EmulatedContainer, podIP: string | undefined): ProbeRun {
  if (spec.exec) return { success: false, output: `command ${JSON.stringify(spec.exec.command ?? [])} exited with 1` };
  if (spec.httpGet) return { success: false, output: 'HTTP probe failed with statuscode: 500' };
  const port = portOf(spec.tcpSocket?.port ?? spec.grpc?.port, container);
  return { success: false, output: `dial tcp ${podIP ?? ''}:${port}: connect: connection refused` };
}

export async function runProbe(spec: Probe, container: EmulatedContainer, podIP: string | undefined, probe: string): Promise<ProbeRun> {
  if (container.probeSabotaged(probe)) return sabotagedRun(spec, container, podIP);
  if (spec.exec) {
    const r = await container.exec(spec.exec.command ?? [], spec.timeoutSeconds ?? 1);
    return r.exitCode === 0 ? { success: true } : { success: false, output: r.output.trim() || `command ${JSON.stringify(spec.exec.command)} exited with ${r.exitCode}` };
  }
  if (spec.httpGet) {
    const port = portOf(spec.httpGet.port, container);
    const path = spec.httpGet.path ?? '/';
    const answer = container.httpGet(port, path);
    if (!answer) return { success: false, output: `Get "http://${podIP ?? ''}:${port}${path}": dial tcp ${podIP ?? ''}:${port}: connect: connection refused` };
    if (answer.status >= 200 && answer.status < 400) return { success: true };
    return { success: false, output: `HTTP probe failed with statuscode: ${answer.status}` };
  }
  if (spec.tcpSocket) {
    const port = portOf(spec.tcpSocket.port, container);
    return container.listensOn(port) ? { success: true } : { success: false, output: `dial tcp ${podIP ?? ''}:${port}: connect: connection refused` };
  }
  if (spec.grpc) {
    return container.listensOn(spec.grpc.port) ? { success: true } : { success: false, output: `timeout: failed to connect service ":${spec.grpc.port}" within 1s` };
  }
  return { success: true };
}
