/**
 * The Service environment variables the kubelet gives every container
 * (pkg/kubelet/envvars, getServiceEnvVarMap): `KUBERNETES_SERVICE_HOST`,
 * `KUBERNETES_PORT=tcp://10.96.0.1:443` and the Docker-link style variables of each
 * Service with a cluster IP in the pod's namespace (unless enableServiceLinks is
 * false), and of the `kubernetes` Service of the default namespace always.
 */
import type { Pod, Service } from '@kubelab/api';

const masterServices = new Set(['kubernetes']);
const envName = (name: string) => name.replaceAll('-', '_').toUpperCase();
const hasClusterIP = (svc: Service) => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None' && (svc.spec.ports ?? []).length > 0;

/** The variables of one Service (FromServices): host, first port, named ports, then the link variables per port. */
function variablesOf(svc: Service): [string, string][] {
  const prefix = envName(svc.metadata.name ?? '');
  const ip = svc.spec?.clusterIP ?? '';
  const ports = svc.spec?.ports ?? [];
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const vars: [string, string][] = [[`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0].port)]];
  for (const p of ports) if (p.name) vars.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  for (const [i, p] of ports.entries()) {
    const protocol = (p.protocol ?? 'TCP').toLowerCase();
    const url = `${protocol}://${host}:${p.port}`;
    if (i === 0) vars.push([`${prefix}_PORT`, url]);
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    vars.push([portPrefix, url], [`${portPrefix}_PROTO`, protocol], [`${portPrefix}_PORT`, String(p.port)], [`${portPrefix}_ADDR`, ip]);
  }
  return vars;
}

/** The Service variables a pod in `namespace` gets. */
export function serviceEnv(services: readonly Service[], pod: Pod): Record<string, string> {
  const namespace = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata.name!;
    if (svc.metadata.namespace === 'default' && masterServices.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata.namespace === namespace && links) chosen.set(name, svc);
  }
  return Object.fromEntries([...chosen.values()].flatMap(variablesOf));
}
