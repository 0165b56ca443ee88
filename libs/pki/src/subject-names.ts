/**
 * The names a serving certificate answers for, split as X.509 splits them: DNS names
 * and IP addresses. IPs are kept in one canonical spelling so that `::1` and
 * `0:0:0:0:0:0:0:1` compare equal.
 */
export interface SubjectNames {
  dns: string[];
  ips: string[];
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv6 address in the WHATWG URL parser's compressed spelling, or undefined. */
function ipv6(text: string): string | undefined {
  if (!text.includes(':')) return undefined;
  try {
    return new URL(`http://[${text}]`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** The address in one spelling (`::1` for `0:0:0:0:0:0:0:1`), or undefined when `text` is no IP address. */
export function canonicalIp(text: string): string | undefined {
  return ipv4.test(text) ? text : ipv6(text);
}

/** Sorted, canonical and without repeats, so two lists of the same names are equal. */
export function subjectNames(names: readonly string[]): SubjectNames {
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const ip = canonicalIp(name);
    if (ip) ips.add(ip);
    else dns.add(name.toLowerCase());
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

/**
 * What kube-apiserver's serving certificate covers (kubeadm's apiserver cert):
 * loopback, the in-cluster names of the `kubernetes` Service and its ClusterIP,
 * plus the extra names the operator gives (`--tls-san`, e.g. `api-server` under compose).
 */
export function apiServerNames(serviceIp: string, extra: readonly string[]): SubjectNames {
  return subjectNames([
    '127.0.0.1', '::1', 'localhost',
    'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local',
    serviceIp, ...extra,
  ]);
}
