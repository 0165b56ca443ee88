/**
 * Kubernetes' RepackSubsets: one subset per (address, port) pair is regrouped so that
 * addresses offering the same set of ports share one subset, an address ready on
 * any port is ready, and everything is sorted so equal content is equal JSON.
 */
import type { EndpointAddress, EndpointPort } from './pod-endpoint.js';

/** One entry of Endpoints.subsets. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

const NO_PORT = '-';

function addressKey(address: EndpointAddress): string {
  return `${address.ip}/${address.targetRef?.uid ?? ''}`;
}

function byIpAndUid(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

function byNameAndPort(a: EndpointPort, b: EndpointPort): number {
  return (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || a.protocol.localeCompare(b.protocol);
}

/** Regroups and sorts subsets as the Endpoints controller stores them. */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort | undefined>();
  const readiness = new Map<string, Map<string, boolean>>();
  for (const subset of subsets) {
    const subsetPorts = subset.ports?.length ? subset.ports : [undefined];
    for (const port of subsetPorts) {
      const portKey = port ? JSON.stringify([port.name, port.port, port.protocol, port.appProtocol]) : NO_PORT;
      ports.set(portKey, port);
      const byAddress = readiness.get(portKey) ?? new Map<string, boolean>();
      readiness.set(portKey, byAddress);
      for (const address of subset.addresses ?? []) {
        addresses.set(addressKey(address), address);
        byAddress.set(addressKey(address), true);
      }
      for (const address of subset.notReadyAddresses ?? []) {
        addresses.set(addressKey(address), address);
        if (!byAddress.has(addressKey(address))) byAddress.set(addressKey(address), false);
      }
    }
  }
  const groups = new Map<string, { readiness: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [portKey, byAddress] of readiness) {
    const groupKey = JSON.stringify([...byAddress.entries()].sort());
    const group = groups.get(groupKey) ?? { readiness: byAddress, ports: [] };
    groups.set(groupKey, group);
    const port = ports.get(portKey);
    if (port) group.ports.push(port);
  }
  const repacked = [...groups.values()].map(({ readiness: byAddress, ports: groupPorts }) => {
    const pick = (ready: boolean) => [...byAddress].filter(([, r]) => r === ready).map(([key]) => addresses.get(key)!).sort(byIpAndUid);
    const [ready, notReady] = [pick(true), pick(false)];
    return {
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(groupPorts.length ? { ports: groupPorts.sort(byNameAndPort) } : {}),
    };
  });
  return repacked.filter((s) => s.addresses || s.notReadyAddresses).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
