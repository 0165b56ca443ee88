import { describe, expect, it } from 'vitest';
import type { Service } from '../../typed-objects.js';
import { allocateHealthCheckNodePort, allocateNodePorts, defaultNodePortRange, formatPortRange, parsePortRange } from './node-ports.js';

const service = (name: string, ports: { port: number; nodePort?: number; protocol?: string }[], type = 'NodePort'): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { type, ports } }) as Service;
const first = () => 0;
const last = (below: number) => below - 1;

describe('node ports as kube-apiserver allocates them', () => {
  it('reads --service-node-port-range as utilnet.ParsePortRange does', () => {
    expect(parsePortRange('30000-32767')).toEqual(defaultNodePortRange);
    expect(parsePortRange('30000+2767')).toEqual(defaultNodePortRange);
    expect(formatPortRange({ base: 20000, size: 100 })).toBe('20000-20099');
    for (const bad of ['30000', '32767-30000', '0-10', '60000-70000', 'a-b']) expect(parsePortRange(bad)).toBeUndefined();
  });

  it('draws a port at random from the upper band, leaving 30000-30085 to ports asked for by number', () => {
    const low = service('low', [{ port: 80 }]);
    expect(allocateNodePorts(low, [], defaultNodePortRange, first)).toEqual([]);
    expect(low.spec!.ports![0].nodePort).toBe(30086);
    const high = service('high', [{ port: 80 }]);
    allocateNodePorts(high, [], defaultNodePortRange, last);
    expect(high.spec!.ports![0].nodePort).toBe(32767);
  });

  it('draws from the static band once the upper one is full', () => {
    const range = { base: 30000, size: 20 };
    const others = Array.from({ length: 4 }, (_, i) => service(`s${i}`, [{ port: 80, nodePort: 30016 + i }]));
    const svc = service('web', [{ port: 80 }]);
    expect(allocateNodePorts(svc, others, range, first)).toEqual([]);
    expect(svc.spec!.ports![0].nodePort).toBe(30000);
  });

  it('gives one port number under two protocols the same node port, and each other port its own', () => {
    const dns = service('dns', [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153 }]);
    allocateNodePorts(dns, [], defaultNodePortRange, first);
    expect(dns.spec!.ports!.map((p) => p.nodePort)).toEqual([30086, 30086, 30087]);
  });

  it('refuses a port another Service holds, or one out of the range, in the allocator\'s words', () => {
    const holder = service('holder', [{ port: 80, nodePort: 30080 }]);
    expect(allocateNodePorts(service('web', [{ port: 80, nodePort: 30080 }]), [holder], defaultNodePortRange, first)).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.ports[0].nodePort', message: 'Invalid value: 30080: provided port is already allocated' },
    ]);
    expect(allocateNodePorts(service('web', [{ port: 80, nodePort: 80 }]), [], { base: 20000, size: 100 }, first)).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.ports[0].nodePort', message: 'Invalid value: 80: provided port is not in the valid range. The range of valid ports is 20000-20099' },
    ]);
  });

  it('keeps on update the ports the Service held, and draws one for a port it adds', () => {
    const before = service('web', [{ port: 80, nodePort: 31000 }]);
    const after = service('web', [{ port: 80, nodePort: 31000 }, { port: 443 }]);
    expect(allocateNodePorts(after, [before], defaultNodePortRange, first, before)).toEqual([]);
    expect(after.spec!.ports!.map((p) => p.nodePort)).toEqual([31000, 30086]);
  });

  it('leaves a ClusterIP Service without node ports', () => {
    const svc = service('web', [{ port: 80 }], 'ClusterIP');
    expect(allocateNodePorts(svc, [], defaultNodePortRange, first)).toEqual([]);
    expect(svc.spec!.ports![0].nodePort).toBeUndefined();
  });

  it('gives a LoadBalancer with externalTrafficPolicy Local a health check node port, keeps it on update, and refuses one already held', () => {
    const local = (name: string, healthCheckNodePort?: number): Service => {
      const svc = service(name, [{ port: 80, nodePort: 30100 }], 'LoadBalancer');
      svc.spec = { ...svc.spec, externalTrafficPolicy: 'Local', ...(healthCheckNodePort ? { healthCheckNodePort } : {}) };
      return svc;
    };
    const web = local('web');
    expect(allocateHealthCheckNodePort(web, [], defaultNodePortRange, first)).toBeUndefined();
    expect(web.spec!.healthCheckNodePort).toBe(30086);
    expect(allocateHealthCheckNodePort(local('web', 30086), [web], defaultNodePortRange, first, web)).toBeUndefined();
    expect(allocateHealthCheckNodePort(local('api', 30086), [web], defaultNodePortRange, first)).toBe('failed to allocate requested HealthCheck NodePort 30086: provided port is already allocated');
    expect(allocateHealthCheckNodePort(local('api', 30100), [], defaultNodePortRange, first)).toBe('failed to allocate requested HealthCheck NodePort 30100: provided port is already allocated');
    expect(allocateHealthCheckNodePort(local('api', 40000), [], defaultNodePortRange, first)).toBe('failed to allocate requested HealthCheck NodePort 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
    const np = service('np', [{ port: 80 }]);
    expect(allocateNodePorts(np, [web], { base: 30086, size: 2 }, first)).toEqual([]);
    expect(np.spec!.ports![0].nodePort).toBe(30087);
    const cluster = service('lb', [{ port: 80, nodePort: 30200 }], 'LoadBalancer');
    expect(allocateHealthCheckNodePort(cluster, [], defaultNodePortRange, first)).toBeUndefined();
    expect(cluster.spec!.healthCheckNodePort).toBeUndefined();
  });
});
