import type { Pod } from '@kubelab/api';

/** Pod IPs from a node's pod CIDR (/24): .2 upwards, reused when pods go. */
export class PodIpAllocator {
  private readonly used = new Set<number>();
  private readonly prefix: string;

  constructor(cidr: string) {
    this.prefix = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  }

  allocate(): string | undefined {
    for (let host = 2; host < 255; host++) {
      if (!this.used.has(host)) {
        this.used.add(host);
        return `${this.prefix}.${host}`;
      }
    }
    return undefined;
  }

  /** Marks an address in use (a pod that already had it before a restart of the agent). */
  claim(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.add(Number(ip.split('.')[3]));
  }

  release(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.delete(Number(ip.split('.')[3]));
  }
}

/**
 * The address a new pod sandbox gets: a pod on the host's network (hostNetwork: a DaemonSet's
 * node agent, `kubectl debug node/…`) shares the node's, as the kubelet reports it (status.podIP
 * = status.hostIP); any other takes one from the node's pod CIDR, undefined when none is left.
 */
export function sandboxAddress(pod: Pod, hostIP: string, ips: PodIpAllocator): string | undefined {
  return pod.spec?.hostNetwork ? hostIP : ips.allocate();
}
