import { describe, expect, it } from 'vitest';
import { decideCoreDnsStart } from './coredns-start.js';

const corefile = '.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    reload\n}\n';
const container = (files: Record<string, string>) => (path: string) => files[path];
const kubeadmArgs = ['/coredns', '-conf', '/etc/coredns/Corefile'];

describe('CoreDNS starting from its command line and the Corefile it names', () => {
  it('serves a Corefile it accepts: its zones, then the reload checksum', () => {
    const start = decideCoreDnsStart(kubeadmArgs, container({ '/etc/coredns/Corefile': corefile, '/etc/resolv.conf': 'nameserver 172.18.0.1\n' }));
    expect(start?.kind).toBe('starts');
    expect(start?.output).toMatch(/^\.:53\n\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}\n$/);
  });

  it('refuses a Corefile with a misspelt plugin: one line, exit 1', () => {
    const broken = corefile.replace('kubernetes', 'kubernete');
    expect(decideCoreDnsStart(kubeadmArgs, container({ '/etc/coredns/Corefile': broken }))).toEqual({
      kind: 'refused', exitCode: 1,
      reason: "/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'kubernete'",
      output: "/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'kubernete'\n",
    });
  });

  it('refuses when the file -conf names is not in the container (a ConfigMap key renamed, a wrong path)', () => {
    const start = decideCoreDnsStart(['/coredns', '-conf=/etc/coredns//Corefile'], container({}));
    expect(start).toMatchObject({ kind: 'refused', exitCode: 1, output: 'loading Caddyfile via flag: open /etc/coredns/Corefile: no such file or directory\n' });
  });

  it('refuses a forward to a resolv.conf the container lacks', () => {
    const start = decideCoreDnsStart(kubeadmArgs, container({ '/etc/coredns/Corefile': corefile }));
    expect(start).toMatchObject({ kind: 'refused', output: 'plugin/forward: not an IP address or file: "/etc/resolv.conf"\n' });
  });

  it('serves ./Corefile without -conf, and its default `.:53 { whoami log }` without either, on --dns.port', () => {
    expect(decideCoreDnsStart(['coredns'], container({ Corefile: 'example.org {\n    whoami\n}\n' }))?.output).toBe('example.org.:53\n');
    expect(decideCoreDnsStart(['coredns', '--dns.port=1053'], container({}))?.output).toBe('.:1053\n');
  });

  it('is not CoreDNS for any other program', () => {
    expect(decideCoreDnsStart(['nginx', '-g', 'daemon off;'], container({}))).toBeUndefined();
    expect(decideCoreDnsStart([], container({}))).toBeUndefined();
  });
});
