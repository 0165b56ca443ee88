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
