/** The host ports a pod claims, normalised as NodePorts compares them (TCP and 0.0.0.0 by default). */
import type { Pod } from '@kubelab/api';

/** One (hostIP, protocol, hostPort) triple. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The address that means "every address" when two pods' host ports are compared. */
export const ANY_HOST_IP = '0.0.0.0';

/** Every container port with a hostPort; containers without host ports claim nothing. */
export function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const container of pod.spec?.containers ?? []) {
    for (const p of container?.ports ?? []) {
      if (typeof p?.hostPort !== 'number' || p.hostPort <= 0) continue;
      ports.push({ ip: p.hostIP || ANY_HOST_IP, protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return ports;
}
