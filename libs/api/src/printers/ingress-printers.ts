/** `kubectl get ingresses`: NAME CLASS HOSTS ADDRESS PORTS AGE; `kubectl get ingressclasses`: NAME CONTROLLER PARAMETERS AGE. */
import type { Ingress, IngressClass, IngressRule } from 'kubernetes-types/networking/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const maxHosts = 3;

/** The first three hosts, then "+ N more..." counting every further rule; "*" when no rule names a host. */
export function ingressHosts(rules: readonly IngressRule[] | undefined): string {
  const list = rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const rule of list) {
    if (hosts.length === maxHosts) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${list.length - maxHosts} more...` : hosts.join(',');
}

/** Load balancer IPs (else hostnames), de-duplicated and sorted; wide output never truncates. */
export function ingressAddress(ingress: Ingress): string {
  const addresses = (ingress.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((a) => a !== '');
  return [...new Set(addresses)].sort().join(',');
}

/** Prints Ingresses; PORTS is "80", or "80, 443" when any TLS is configured. */
export const ingressPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Class', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  print(obj, now) {
    const ingress = obj as Ingress;
    return {
      cells: [
        ingress.metadata?.name ?? '',
        ingress.spec?.ingressClassName ?? '<none>',
        ingressHosts(ingress.spec?.rules),
        ingressAddress(ingress),
        (ingress.spec?.tls?.length ?? 0) > 0 ? '80, 443' : '80',
        ageSince(ingress.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** `Kind.apiGroup/name` of the class's parameters (the dot kept even for an empty group), or "<none>". */
export function ingressClassParameters(ingressClass: IngressClass): string {
  const parameters = ingressClass.spec?.parameters;
  if (!parameters) return '<none>';
  const group = parameters.apiGroup === undefined || parameters.apiGroup === null ? '' : `.${parameters.apiGroup}`;
  return `${parameters.kind}${group}/${parameters.name}`;
}

/** Prints IngressClasses. */
export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Controller', 'Controller that is responsible for handling this class'),
    column('Parameters', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  print(obj, now) {
    const ingressClass = obj as IngressClass;
    return {
      cells: [
        ingressClass.metadata?.name ?? '',
        ingressClass.spec?.controller ?? '',
        ingressClassParameters(ingressClass),
        ageSince(ingressClass.metadata?.creationTimestamp, now),
      ],
    };
  },
};
