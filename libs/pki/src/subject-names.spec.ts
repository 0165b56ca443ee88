import { describe, expect, it } from 'vitest';
import { apiServerNames, canonicalIp, subjectNames } from './subject-names.js';

describe('subjectNames', () => {
  it('splits DNS names from IP addresses, sorted and without repeats', () => {
    expect(subjectNames(['b.example', '10.0.0.1', 'A.example', 'b.example', ' ', '0:0:0:0:0:0:0:1'])).toEqual({
      dns: ['a.example', 'b.example'], ips: ['10.0.0.1', '::1'],
    });
  });

  it('reads an address-like name that is no address as a DNS name', () => {
    expect(subjectNames(['300.1.1.1', 'fe80::zz'])).toEqual({ dns: ['300.1.1.1', 'fe80::zz'], ips: [] });
  });

  it('spells an IPv6 address one way', () => {
    expect(canonicalIp('FD00:0:0:0:0:0:0:1')).toBe('fd00::1');
    expect(canonicalIp('kubernetes')).toBeUndefined();
  });
});

describe('apiServerNames', () => {
  it("covers loopback, the kubernetes Service's names and ClusterIP, and the extra names", () => {
    expect(apiServerNames('10.96.0.1', ['api-server', '192.168.1.5'])).toEqual({
      dns: ['api-server', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'],
      ips: ['10.96.0.1', '127.0.0.1', '192.168.1.5', '::1'],
    });
  });
});
