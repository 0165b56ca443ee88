import { describe, expect, it } from 'vitest';
import { decideComponentStart, type ComponentWorld } from './component-start.js';
import { goDurationError, goIntError } from './go-values.js';

const at = new Date('2026-11-25T09:10:11.123Z');
const files = new Set([
  '/etc/kubernetes/scheduler.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/apiserver.crt', '/etc/kubernetes/pki/apiserver.key',
  '/etc/kubernetes/pki/apiserver-etcd-client.crt',
]);
const world: ComponentWorld = { exists: (path) => files.has(path), now: at, etcdClientUrls: ['https://127.0.0.1:2379', 'https://172.18.0.2:2379'] };
const scheduler = [
  'kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
];
const apiServer = ['kube-apiserver', '--advertise-address=172.18.0.2', '--etcd-servers=https://127.0.0.1:2379', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--secure-port=6443'];

describe('a control-plane component starting from its command line', () => {
  it('starts with kubeadm\'s flags and logs its first lines in klog\'s format', () => {
    const start = decideComponentStart(scheduler, world);
    expect(start).toMatchObject({ kind: 'starts', program: 'kube-scheduler', flags: { 'leader-elect': 'true', kubeconfig: '/etc/kubernetes/scheduler.conf' } });
    expect(start?.output).toBe([
      'I1125 09:10:11.123000       1 serving.go:386] Generated self-signed cert in-memory',
      'I1125 09:10:11.123000       1 server.go:167] "Starting Kubernetes Scheduler" version="v1.32.0"',
      'I1125 09:10:11.123000       1 server.go:169] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
      'I1125 09:10:11.123000       1 secure_serving.go:213] Serving securely on 127.0.0.1:10259',
      'I1125 09:10:11.123000       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...',
      '',
    ].join('\n'));
  });

  it('is not a control-plane program for any other argv', () => {
    expect(decideComponentStart(['nginx', '-g', 'daemon off;'], world)).toBeUndefined();
    expect(decideComponentStart([], world)).toBeUndefined();
  });

  it.each([
    [['--kubeconfigg=/etc/kubernetes/scheduler.conf'], 'unknown flag: --kubeconfigg'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['--leader-elect=yes'], 'invalid argument "yes" for "--leader-elect" flag: strconv.ParseBool: parsing "yes": invalid syntax'],
    [['--secure-port=abc'], 'invalid argument "abc" for "--secure-port" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['-v=high'], 'invalid argument "high" for "-v, --v" flag: strconv.ParseInt: parsing "high": invalid syntax'],
    [['--kubeconfig'], 'flag needs an argument: --kubeconfig'],
  ])('refuses %j as cobra does: the usage, then the error', (extra, error) => {
    const start = decideComponentStart([...scheduler, ...extra], world);
    expect(start).toMatchObject({ kind: 'refused', exitCode: 1, reason: error });
    expect(start?.output).toMatch(/^Usage:\n {2}kube-scheduler \[flags\]\n\nFlags:\n/);
    expect(start?.output.endsWith(`\nError: ${error}\n`)).toBe(true);
  });

  it('reads flags as pflag does: a value after the flag, a bare boolean, _ as -, the last of a repeated flag', () => {
    const start = decideComponentStart(['kube-scheduler', '--kubeconfig', '/etc/kubernetes/scheduler.conf', '--leader-elect', '--bind_address=0.0.0.0', '--v=2', '--v=4'], world);
    expect(start).toMatchObject({ kind: 'starts', flags: { kubeconfig: '/etc/kubernetes/scheduler.conf', 'leader-elect': 'true', 'bind-address': '0.0.0.0', v: '4' } });
  });

  it('refuses a word that is no flag', () => {
    expect(decideComponentStart([...scheduler, 'now'], world)).toMatchObject({ kind: 'refused', output: 'Error: "kube-scheduler" does not take any arguments, got ["now"]\n' });
  });

  it('fails on a kubeconfig the container does not have, in klog\'s words after its first line', () => {
    const start = decideComponentStart(scheduler.map((w) => w.replace('--kubeconfig=/etc/kubernetes/scheduler.conf', '--kubeconfig=/etc/kubernetes/schedular.conf')), world);
    expect(start).toMatchObject({ kind: 'refused', reason: 'stat /etc/kubernetes/schedular.conf: no such file or directory' });
    expect(start?.output).toBe([
      'I1125 09:10:11.123000       1 serving.go:386] Generated self-signed cert in-memory',
      'E1125 09:10:11.123000       1 run.go:72] "command failed" err="stat /etc/kubernetes/schedular.conf: no such file or directory"',
      '',
    ].join('\n'));
  });

  it('fails on a delegated authentication kubeconfig that is not there, before the client kubeconfig', () => {
    const start = decideComponentStart(['kube-scheduler', '--authentication-kubeconfig=/nope.conf', '--kubeconfig=/nope.conf'], world);
    expect(start).toMatchObject({ reason: 'failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: stat /nope.conf: no such file or directory' });
  });

  it('has the controller-manager read its kubeconfig first, and its root CA', () => {
    const kcm = ['kube-controller-manager', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--root-ca-file=/etc/kubernetes/pki/ca.crtx'];
    expect(decideComponentStart(kcm, world)).toMatchObject({ kind: 'refused', reason: 'error reading root-ca-file at /etc/kubernetes/pki/ca.crtx: open /etc/kubernetes/pki/ca.crtx: no such file or directory' });
    expect(decideComponentStart(['kube-controller-manager'], world)).toMatchObject({
      kind: 'refused', reason: 'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    });
  });

  it('starts an api-server that names etcd and its files, and fails one that names a port etcd does not serve', () => {
    expect(decideComponentStart(apiServer, world)).toMatchObject({ kind: 'starts', program: 'kube-apiserver' });
    const wrongPort = decideComponentStart(apiServer.map((w) => w.replace(':2379', ':2380')), world);
    expect(wrongPort).toMatchObject({ kind: 'refused', reason: 'Error creating leases: error creating storage factory: context deadline exceeded' });
    expect(wrongPort?.output).toContain('I1125 09:10:11.123000       1 options.go:238] external host was not specified, using 172.18.0.2\n');
    expect(wrongPort?.output).toContain('dial tcp 127.0.0.1:2380: connect: connection refused');
    expect(decideComponentStart(apiServer.map((w) => w.replace('apiserver.crt', 'apiserver.crtx')), world)).toMatchObject({
      reason: 'unable to load server certificate: open /etc/kubernetes/pki/apiserver.crtx: no such file or directory',
    });
    expect(decideComponentStart(['kube-apiserver'], world)).toMatchObject({ reason: '[--etcd-servers must be specified]' });
  });
});

describe('certificates at the machine\'s time', () => {
  const day = 86_400_000;
  const valid = { notBefore: new Date(at.getTime() - day), notAfter: new Date(at.getTime() + day) };
  const expired = { notBefore: new Date(at.getTime() - 2 * day), notAfter: new Date(at.getTime() - day) };
  const certificates = (byPath: Record<string, typeof valid>, etcdServing = valid): ComponentWorld => ({ ...world, validity: (path) => byPath[path] ?? valid, etcdServing });
  const withEtcdClient = [...apiServer, '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt'];

  it('starts every program while its certificates are valid', () => {
    expect(decideComponentStart(withEtcdClient, certificates({}))).toMatchObject({ kind: 'starts' });
    expect(decideComponentStart(scheduler, certificates({}))).toMatchObject({ kind: 'starts' });
  });

  it('fails an api-server on etcd\'s expired serving certificate, as grpc and crypto/x509 say it', () => {
    const start = decideComponentStart(withEtcdClient, certificates({}, expired));
    expect(start).toMatchObject({
      kind: 'refused', renew: 'etcd-server',
      reason: 'etcd\'s serving certificate: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:10:11Z is after 2026-11-24T09:10:11Z',
    });
    expect(start?.output).toContain('Err: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:10:11Z is after 2026-11-24T09:10:11Z"\n');
    expect(start?.output).toMatch(/F1125 09:10:11\.123000 +1 instance\.go:226\] Error creating leases: error creating storage factory: context deadline exceeded\n$/);
  });

  it('fails an api-server whose etcd client certificate etcd refuses, and one not valid yet', () => {
    expect(decideComponentStart(withEtcdClient, certificates({ '/etc/kubernetes/pki/apiserver-etcd-client.crt': expired }))).toMatchObject({
      kind: 'refused', renew: 'apiserver-etcd-client', output: expect.stringContaining('transport: authentication handshake failed: remote error: tls: bad certificate'),
    });
    const later = { notBefore: new Date(at.getTime() + day), notAfter: new Date(at.getTime() + 2 * day) };
    expect(decideComponentStart(withEtcdClient, certificates({}, later))).toMatchObject({
      reason: 'etcd\'s serving certificate: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:10:11Z is before 2026-11-26T09:10:11Z',
    });
  });

  it('starts an api-server whose own serving certificate expired: it serves it, and its clients refuse it', () => {
    expect(decideComponentStart(withEtcdClient, certificates({ '/etc/kubernetes/pki/apiserver.crt': expired }))).toMatchObject({ kind: 'starts' });
  });

  it('runs a scheduler whose client certificate expired, refused by the api-server: it serves, and cannot take its lease', () => {
    const start = decideComponentStart(scheduler, certificates({ '/etc/kubernetes/scheduler.conf': expired }));
    expect(start).toMatchObject({
      kind: 'unauthorized', renew: 'scheduler.conf',
      reason: 'the api-server refuses its client certificate (/etc/kubernetes/scheduler.conf: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:10:11Z is after 2026-11-24T09:10:11Z): Unauthorized',
    });
    expect(start?.output).toContain('W1125 09:10:11.123000       1 authentication.go:368] Error looking up in-cluster authentication configuration: Unauthorized\n');
    expect(start?.output).toContain('Serving securely on 127.0.0.1:10259\n');
    expect(start?.output).toMatch(/E1125 09:10:11\.123000 +1 leaderelection\.go:436\] error retrieving resource lock kube-system\/kube-scheduler: Unauthorized\n$/);
  });
});

describe('Go\'s value checks', () => {
  it.each(['10s', '1m30s', '0', '-1.5h', '300ms', '2h45m'])('take the duration %s', (value) => expect(goDurationError(value)).toBeUndefined());
  it.each([['5', 'time: missing unit in duration "5"'], ['abc', 'time: invalid duration "abc"'], ['5x', 'time: unknown unit "x" in duration "5x"']])('refuse the duration %s', (value, error) => {
    expect(goDurationError(value)).toBe(error);
  });
  it.each(['6443', '0x1F', '-3', '0'])('take the integer %s', (value) => expect(goIntError(value)).toBeUndefined());
});
