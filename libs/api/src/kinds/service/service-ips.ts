/** ClusterIP allocation for Services, from the service CIDR (the Service REST storage's BeginCreate); node ports are node-ports.ts's. */
import type { ServiceSpec } from 'kubernetes-types/core/v1';
import { invalidValue } from '../../field-errors.js';
import type { KubeObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import type { Service } from '../../typed-objects.js';

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Parses "10.96.0.0/12" into its first address and size. */
export function parseCidr(cidr: string): { first: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return { first: Math.floor(ipToNumber(ip) / size) * size, size };
}

/** The `kubernetes` Service's address: the first usable address of the range. */
export function firstServiceIp(cidr: string): string {
  return numberToIp(parseCidr(cidr).first + 1);
}

/** The cluster DNS Service's address: the tenth of the range (kubeadm's kube-dns at 10.96.0.10, the kubelet's --cluster-dns). */
export function clusterDnsIp(cidr: string): string {
  return numberToIp(parseCidr(cidr).first + 10);
}

const needsClusterIp = (spec: ServiceSpec) => ['ClusterIP', 'NodePort', 'LoadBalancer', undefined].includes(spec.type);
const specOf = (svc: KubeObject): ServiceSpec | undefined => (svc as Service).spec;

/**
 * Gives a new Service its clusterIP(s) (the lowest free address), or refuses a requested address that is taken or
 * outside the range.
 */
export function allocateServiceAddresses(svc: Service, existing: readonly KubeObject[], cidr: string): FieldError[] {
  const spec = svc.spec ?? (svc.spec = {});
  if (!needsClusterIp(spec)) return [];
  const { first, size } = parseCidr(cidr);
  const used = new Set(existing.map((s) => specOf(s)?.clusterIP).filter(Boolean));
  const requested: string | undefined = spec.clusterIP || spec.clusterIPs?.[0];
  if (requested === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else if (requested) {
    const n = ipToNumber(requested);
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(requested) || n <= first || n >= first + size - 1) {
      return [invalidValue('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${cidr}`)];
    }
    if (used.has(requested)) {
      return [invalidValue('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: provided IP is already allocated`)];
    }
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
  } else {
    let n = first + 1;
    while (used.has(numberToIp(n)) && n < first + size - 2) n++;
    spec.clusterIP = numberToIp(n);
    spec.clusterIPs = [spec.clusterIP];
  }
  return [];
}
