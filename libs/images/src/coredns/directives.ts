/**
 * The directives CoreDNS 1.11.3 knows, in plugin.cfg's order. A Corefile may name only these (any other is
 * `Unknown directive`), and the plugins are set up, and chained for each query, in this order, whatever the
 * order of the Corefile's lines: with two broken plugins, the one earlier here is the one CoreDNS reports.
 */
export const coreDnsDirectives: readonly string[] = [
  'root', 'metadata', 'geoip', 'cancel', 'tls', 'timeouts', 'reload', 'nsid', 'bufsize', 'bind', 'debug', 'trace', 'ready', 'health',
  'pprof', 'prometheus', 'errors', 'log', 'dnstap', 'local', 'dns64', 'acl', 'any', 'chaos', 'loadbalance', 'tsig', 'cache', 'rewrite',
  'header', 'dnssec', 'autopath', 'minimal', 'template', 'transfer', 'hosts', 'route53', 'azure', 'clouddns', 'k8s_external', 'kubernetes',
  'file', 'auto', 'secondary', 'etcd', 'loop', 'forward', 'grpc', 'erratic', 'whoami', 'on', 'sign', 'view',
];
