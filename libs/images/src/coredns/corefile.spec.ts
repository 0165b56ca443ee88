import { describe, expect, it } from 'vitest';
import { readCorefile, type CorefileWorld } from './corefile.js';
import { kubeadmCorefile as kubeadm } from './kubeadm-corefile.js';

const path = '/etc/coredns/Corefile';
const files: Record<string, string> = { '/etc/resolv.conf': 'nameserver 172.18.0.1\n', '/etc/coredns/extra.server': 'example.org:53 {\n  forward . 8.8.8.8\n}\n' };
const world: CorefileWorld = { readFile: (file) => files[file], dnsPort: '53' };
const read = (text: string) => readCorefile(path, text, world);
const error = (text: string) => {
  const result = read(text);
  return result.ok ? 'accepted' : result.error;
};
const edited = (from: string, to: string) => {
  expect(kubeadm).toContain(from);
  return kubeadm.replace(from, to);
};

describe('reading a Corefile as CoreDNS 1.11 does', () => {
  it("accepts kubeadm's Corefile and prints its server and the reload plugin's checksum as it starts, the checksum real clusters log", () => {
    const result = read(kubeadm);
    expect(result.ok && result.corefile.startLines).toEqual([
      '.:53',
      '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
    ]);
  });

  it("computes the checksum real CoreDNS logs for kubeadm's earlier Corefile (`cache 30`, no block)", () => {
    const result = read(edited('cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }', 'cache 30'));
    expect(result.ok && result.corefile.startLines[1]).toBe(
      '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
    );
  });

  it('keeps the zones the kubernetes plugin serves and what forward sends upstream', () => {
    const result = read(kubeadm);
    expect(result.ok && result.corefile.blocks).toEqual([{
      zones: [{ transport: 'dns', zone: '.', port: '53' }],
      kubernetes: { zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'], fallthrough: ['in-addr.arpa.', 'ip6.arpa.'] },
      forward: [{ from: '.', except: [] }],
    }]);
  });

  it.each([
    ['a misspelt directive', edited('kubernetes cluster.local', 'kubernete cluster.local'), "/etc/coredns/Corefile:7 - Error during parsing: Unknown directive 'kubernete'"],
    ['the server block not closed', kubeadm.replace(/}\n$/, ''), "/etc/coredns/Corefile:22 - Syntax error: Unexpected token 'loadbalance', expecting '}'"],
    ['a nested block not closed at the end of the file', '.:53 {\n    health {\n       lameduck 5s\n', '/etc/coredns/Corefile:3 - Error during parsing: Unexpected EOF'],
    ["a nested block's brace lost: health swallows what follows", edited('lameduck 5s\n    }\n', 'lameduck 5s\n'), "plugin/health: /etc/coredns/Corefile:5 - Error during parsing: Wrong argument count or unexpected line ending after 'ready'"],
    ['a closing brace on a directive line', edited('    ready\n', '    ready }\n'), "/etc/coredns/Corefile:6 - Error during parsing: Unexpected '}' because no matching opening brace"],
    ['a server key ending in a comma', '.:53,\n', '/etc/coredns/Corefile:1 - Error during parsing: Unexpected EOF'],
    ['a zone with an empty label', edited('.:53 {', 'cluster..local:53 {'), 'error inspecting server blocks: zone is not a valid domain name: cluster..local'],
    ['a zone served twice', `${kubeadm}.:53 {\n    forward . 8.8.8.8\n}\n`, 'cannot serve dns://.:53 - it is already defined'],
    ['an import of a file that is not there', edited('    loop\n', '    import custom.conf\n    loop\n'), '/etc/coredns/Corefile:20 - Error during parsing: File to import not found: custom.conf'],
  ])('refuses %s, in its words', (_what, text, expected) => {
    expect(error(text)).toBe(expected);
  });

  it.each([
    ['kubernetes', edited('pods insecure', 'pods insecur'), 'plugin/kubernetes: wrong value for pods: insecur,  must be one of: disabled, verified, insecure'],
    ['kubernetes', edited('ttl 30', 'ttl thirty'), 'plugin/kubernetes: strconv.Atoi: parsing "thirty": invalid syntax'],
    ['kubernetes', edited('ttl 30', 'ttl 7200'), 'plugin/kubernetes: /etc/coredns/Corefile:10 - Error during parsing: ttl must be in range [0, 3600]: 7200'],
    ['kubernetes', edited('ttl 30', 'tll 30'), "plugin/kubernetes: /etc/coredns/Corefile:10 - Error during parsing: unknown property 'tll'"],
    ['kubernetes', edited('kubernetes cluster.local in-addr.arpa ip6.arpa', 'kubernetes in-addr.arpa ip6.arpa'), 'plugin/kubernetes: non-reverse zone name must be used'],
    ['kubernetes', edited('    loop\n', '    kubernetes\n    loop\n'), 'plugin/kubernetes: this plugin can only be used once per Server Block'],
    ['forward', edited('/etc/resolv.conf', '/etc/resolv.conff'), 'plugin/forward: not an IP address or file: "/etc/resolv.conff"'],
    ['forward', edited('forward . /etc/resolv.conf', 'forward .'), "plugin/forward: /etc/coredns/Corefile:13 - Error during parsing: Wrong argument count or unexpected line ending after '.'"],
    ['forward', edited('max_concurrent 1000', 'max_concurent 1000'), "plugin/forward: /etc/coredns/Corefile:14 - Error during parsing: unknown property 'max_concurent'"],
    ['forward', edited('max_concurrent 1000', 'max_concurrent -1'), "plugin/forward: max_concurrent can't be negative: -1"],
    ['forward', edited('max_concurrent 1000', 'policy fastest'), "plugin/forward: /etc/coredns/Corefile:14 - Error during parsing: unknown policy 'fastest'"],
    ['forward', edited('forward . /etc/resolv.conf', 'forward . grpc://1.1.1.1'), "plugin/forward: 'grpc' is not supported as a destination protocol in forward: grpc://1.1.1.1:443"],
    ['cache', edited('cache 30', 'cache 0'), 'plugin/cache: cache TTL can not be zero or negative: 0'],
    ['cache', edited('disable success cluster.local', 'disable sucess cluster.local'), 'plugin/cache: cache type for disable must be "success" or "denial"'],
    ['cache', edited('disable success cluster.local', 'prefetch 10 1m 5%'), 'plugin/cache: percentage should fall in range [10, 90]: 5'],
    ['cache', edited('disable success cluster.local', 'expire 5s'), "plugin/cache: /etc/coredns/Corefile:17 - Error during parsing: Wrong argument count or unexpected line ending after 'expire'"],
    ['prometheus', edited('prometheus :9153', 'prometheus 9153'), 'plugin/prometheus: address 9153: missing port in address'],
    ['prometheus', edited('prometheus :9153', 'prometheus :9153 :9154'), "plugin/prometheus: /etc/coredns/Corefile:12 - Error during parsing: Wrong argument count or unexpected line ending after ':9154'"],
    ['health', edited('lameduck 5s', 'lameduck 5'), "plugin/health: unable to parse lameduck duration value: '5' : time: missing unit in duration \"5\""],
    ['health', edited('lameduck 5s', 'lame_duck 5s'), "plugin/health: /etc/coredns/Corefile:4 - Error during parsing: Wrong argument count or unexpected line ending after 'lame_duck'"],
    ['ready', edited('    ready\n', '    ready 8181\n'), 'plugin/ready: address 8181: missing port in address'],
    ['errors', edited('    errors\n', '    errors stderr\n'), 'plugin/errors: /etc/coredns/Corefile:2 - Error during parsing: invalid log file: stderr'],
    ['errors', edited('    errors\n', '    errors {\n        consolidat 5m ".* i/o timeout$"\n    }\n'), "plugin/errors: /etc/coredns/Corefile:3 - Syntax error: Unexpected token 'consolidat', expecting 'Unknown field consolidat'"],
    ['loop', edited('    loop\n', '    loop 3\n'), "plugin/loop: /etc/coredns/Corefile:20 - Error during parsing: Wrong argument count or unexpected line ending after '3'"],
    ['reload', edited('    reload\n', '    reload 1s\n'), 'plugin/reload: interval value must be greater or equal to 2s'],
    ['reload', edited('    reload\n', '    reload 30\n'), 'plugin/reload: time: missing unit in duration "30"'],
    ['loadbalance', edited('    loadbalance\n', '    loadbalance random\n'), 'plugin/loadbalance: unknown policy: random'],
    ['log', edited('    errors\n', '    errors\n    log {\n        class failures\n    }\n'), 'plugin/log: invalid Class: failures'],
    ['hosts', edited('    ready\n', '    ready\n    hosts {\n        ttl 0\n    }\n'), 'plugin/hosts: /etc/coredns/Corefile:8 - Error during parsing: ttl provided is invalid'],
  ])("refuses a bad argument of %s with the plugin's error", (_plugin, text, expected) => {
    expect(error(text)).toBe(expected);
  });

  it('reports the broken plugin that comes first in plugin.cfg, whatever the order of the lines', () => {
    const twoBroken = edited('prometheus :9153', 'prometheus 9153').replace('/etc/resolv.conf', '/etc/resolv.conff').replace('    errors\n', '    errors stderr\n');
    expect(error(twoBroken)).toBe('plugin/prometheus: address 9153: missing port in address');
  });

  it('reads comments, quoted strings and several keys and blocks, and prints each zone of the server', () => {
    const text = [
      '# the cluster',
      'cluster.local:53 example.org {',
      '    kubernetes  # zones from the keys',
      '    errors "stdout"',
      '}',
      '. {',
      '    forward . 8.8.8.8 "1.1.1.1:53" {',
      '        except example.com',
      '    }',
      '}',
      '',
    ].join('\n');
    const result = read(text);
    expect(result.ok && result.corefile).toEqual({
      blocks: [
        { zones: [{ transport: 'dns', zone: 'cluster.local.', port: '53' }, { transport: 'dns', zone: 'example.org.', port: '53' }], kubernetes: { zones: ['cluster.local.', 'example.org.'] }, forward: [] },
        { zones: [{ transport: 'dns', zone: '.', port: '53' }], forward: [{ from: '.', except: ['example.com.'] }] },
      ],
      startLines: ['.:53', 'cluster.local.:53', 'example.org.:53'],
    });
  });

  it('expands snippets and imported files, and warns of an import glob that matches nothing', () => {
    const text = '(common) {\n    errors\n}\n.:53 {\n    import common\n    import /etc/coredns/custom/*.override\n    forward . /etc/resolv.conf\n}\nimport extra.server\n';
    const result = read(text);
    expect(result.ok && result.corefile.startLines).toEqual(['[WARNING] No files matching import glob pattern: /etc/coredns/custom/*.override', '.:53', 'example.org.:53']);
  });

  it('serves CoreDNS\'s default, `.:53 { whoami log }`, from an empty Corefile, on the -dns.port given', () => {
    const result = readCorefile(path, '# nothing here\n', { ...world, dnsPort: '1053' });
    expect(result.ok && result.corefile).toEqual({ blocks: [{ zones: [{ transport: 'dns', zone: '.', port: '1053' }], forward: [] }], startLines: ['.:1053'] });
  });

  it('warns of a hosts file that is not there and of a zone outside RFC 1035, and starts', () => {
    const result = read('my_zone:53 {\n    hosts /etc/coredns/hosts\n}\n');
    expect(result.ok && result.corefile.startLines).toEqual([
      '[WARNING] plugin/hosts: File does not exist: /etc/coredns/hosts',
      'Warning: Domain "my_zone." does not follow RFC1035 preferred syntax',
      'my_zone.:53',
    ]);
  });
});
