/**
 * The kubernetes plugin's stanza (plugin/kubernetes/setup.go, CoreDNS 1.11.3): the zones it is authoritative for (its
 * arguments, else the server block's), which of them let unknown names fall through to the next plugin, and the checks
 * of its properties, in its words. Its zones decide which cluster names resolve: `kubernetes cluster.locall` serves none.
 */
import { CorefileError } from './caddyfile.js';
import { errOnce, type Controller } from './controller.js';
import { goAtoi } from './go-parse.js';
import { normalizeHost, originsFromArgsOrServerBlock } from './zone-names.js';

/** What the plugin answers for: its zones, and those where a name the cluster lacks goes on down the chain. */
export interface KubernetesZones {
  zones: string[];
  /** fallthrough's zones (`.` when it names none); undefined without fallthrough. */
  fallthrough?: string[];
}

const isReverse = (zone: string) => zone.endsWith('in-addr.arpa.') || zone.endsWith('ip6.arpa.');

/** Properties that take one or more arguments and are not checked further. */
const listProperties = new Set(['namespaces', 'endpoint', 'labels', 'namespace_labels']);

/** kubernetes [ZONES…] { properties }, once per block: its zones and fallthrough. */
export function setupKubernetes(c: Controller): KubernetesZones {
  let stanzas = 0;
  let parsed: KubernetesZones = { zones: [] };
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    parsed = parseStanza(c);
  }
  return parsed;
}

function parseStanza(c: Controller): KubernetesZones {
  const zones = originsFromArgsOrServerBlock(c.remainingArgs(), c.serverBlockKeys);
  if (!zones.some((zone) => !isReverse(zone))) throw new CorefileError('non-reverse zone name must be used');
  let fallthrough: string[] | undefined;
  let namespaces = false;
  let namespaceLabels = false;
  while (c.nextBlock()) {
    const property = c.val();
    const args = c.remainingArgs();
    if (listProperties.has(property)) {
      if (args.length === 0) throw c.argErr();
      namespaces ||= property === 'namespaces';
      namespaceLabels ||= property === 'namespace_labels';
      continue;
    }
    switch (property) {
      case 'endpoint_pod_names':
      case 'noendpoints':
        if (args.length > 0) throw c.argErr();
        break;
      case 'pods':
        if (args.length !== 1) throw c.argErr();
        if (!['disabled', 'verified', 'insecure'].includes(args[0])) throw new CorefileError(`wrong value for pods: ${args[0]},  must be one of: disabled, verified, insecure`);
        break;
      case 'tls':
        if (args.length !== 3) throw c.argErr();
        break;
      case 'fallthrough':
        fallthrough = args.length === 0 ? ['.'] : args.flatMap((zone) => normalizeHost(zone) ?? []);
        break;
      case 'ttl': {
        if (args.length === 0) throw c.argErr();
        const ttl = goAtoi(args[0]);
        if ('error' in ttl) throw new CorefileError(ttl.error);
        if (ttl.value < 0 || ttl.value > 3600) throw c.err(`ttl must be in range [0, 3600]: ${ttl.value}`);
        break;
      }
      case 'ignore':
        if (args.length > 0 && args[0] !== 'empty_service') throw new CorefileError(`unable to parse ignore value: '${args[0]}'`);
        break;
      case 'kubeconfig':
        if (args.length !== 1 && args.length !== 2) throw c.argErr();
        break;
      default:
        throw c.err(`unknown property '${property}'`);
    }
  }
  if (namespaces && namespaceLabels) throw c.err('namespaces and namespace_labels cannot both be set');
  return fallthrough ? { zones, fallthrough } : { zones };
}
