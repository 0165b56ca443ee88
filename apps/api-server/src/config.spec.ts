import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig: where the log and the certificates are', () => {
  it.each([
    // [flags, environment, database, certDir]
    [[], {}, '.kubelab/events.sqlite', '.kubelab/pki'],
    [['--database', '/var/lab/events.sqlite'], {}, '/var/lab/events.sqlite', '/var/lab/pki'],
    [['--database', 'postgres://kube:secret@db:5432/lab'], {}, 'postgres://kube:secret@db:5432/lab', '.kubelab/pki'],
    [[], { KUBELAB_DATABASE: 'postgresql://db/lab' }, 'postgresql://db/lab', '.kubelab/pki'],
    [['--database', 'postgres://db/lab', '--cert-dir', '/etc/kubelab/pki'], {}, 'postgres://db/lab', '/etc/kubelab/pki'],
  ])('%j %j', (flags, env, database, certDir) => {
    const config = parseConfig(flags, env);
    expect([config.database, config.certDir]).toEqual([database, certDir]);
  });
});

describe('parseConfig: how fast one caller may grow the log with audit entries', () => {
  it.each([
    [[], {}, { qps: 10, burst: 20 }],
    [['--audit-throttle-qps', '2.5', '--audit-throttle-burst', '5'], {}, { qps: 2.5, burst: 5 }],
    [[], { KUBELAB_AUDIT_THROTTLE_QPS: '1', KUBELAB_AUDIT_THROTTLE_BURST: '0' }, { qps: 1, burst: 1 }],
  ])('%j %j', (flags, env, throttle) => expect(parseConfig(flags, env).auditThrottle).toEqual(throttle));

  it.each(['0', '-1', 'fast'])('refuses --audit-throttle-qps %s, saying what it must be', (qps) => {
    expect(() => parseConfig([`--audit-throttle-qps=${qps}`], {})).toThrow(`--audit-throttle-qps must be a number above 0, got "${qps}"`);
  });
});

describe('parseConfig: where Services get their node ports', () => {
  it.each([
    [[], {}, { base: 30000, size: 2768 }],
    [['--service-node-port-range', '20000-20999'], {}, { base: 20000, size: 1000 }],
    [[], { KUBELAB_SERVICE_NODE_PORT_RANGE: '30000+99' }, { base: 30000, size: 100 }],
  ])('%j %j', (flags, env, range) => expect(parseConfig(flags, env).serviceNodePortRange).toEqual(range));

  it('refuses a range that is none, saying what it must look like', () => {
    expect(() => parseConfig(['--service-node-port-range=32767-30000'], {})).toThrow('--service-node-port-range must look like 30000-32767, got "32767-30000"');
  });
});
