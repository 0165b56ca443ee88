import type { Pod } from '@kubelab/api';
import { certificateValidity } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { staticPodStarts, type NodeView } from './static-pod-starts.js';
import { controlPlaneFiles, etcdClientUrls, etcdServerCertificate } from './volumes/control-plane-files.js';

const issued = new Date('2026-11-25T00:00:00Z');
const files = controlPlaneFiles('172.18.0.2', 'the cluster CA', issued);
const pod = (program: string): Pod => {
  const manifest = parse(files[`/etc/kubernetes/manifests/${program}.yaml`]) as Pod;
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { 'kubernetes.io/config.hash': `${program}-hash` } } };
};
/** The controlplane node at `now`, its static pods' containers running or not. */
const node = (now: Date, running = false): NodeView => {
  const validity = (path: string) => (files[path] === undefined ? undefined : certificateValidity(files[path]));
  return {
    hasFile: (path) => path in files || path === '/etc/kubernetes/pki/ca.crt', hasImage: () => true, running: () => running,
    validity, now, etcdClientUrls: etcdClientUrls('172.18.0.2'), etcdServing: validity(etcdServerCertificate),
  };
};
const yearLater = new Date('2027-12-30T00:00:00Z');

describe('how the controlplane\'s programs would start, told to the supervisor', () => {
  it('starts each while its certificates are valid, and tells the api-server when its serving certificate is', () => {
    const starts = staticPodStarts([pod('kube-apiserver'), pod('kube-scheduler')], node(new Date('2026-12-01T00:00:00Z')));
    expect(starts).toEqual([
      { program: 'kube-apiserver', hash: 'kube-apiserver-hash', starts: true, version: 'v1.32.0', serving: { notBefore: '2026-11-25T00:00:00.000Z', notAfter: '2027-11-25T00:00:00.000Z' } },
      { program: 'kube-scheduler', hash: 'kube-scheduler-hash', starts: true, version: 'v1.32.0' },
    ]);
  });

  it('refuses an api-server that would start after etcd\'s certificate expired, naming what to renew, but lets one that runs run on', () => {
    const [stopped] = staticPodStarts([pod('kube-apiserver')], node(yearLater));
    expect(stopped).toMatchObject({ starts: false, until: 'its certificate is renewed (kubeadm certs renew etcd-server)', reason: expect.stringMatching(/^etcd's serving certificate: x509: certificate has expired/) });
    const [runsOn] = staticPodStarts([pod('kube-apiserver')], node(yearLater, true));
    expect(runsOn).toMatchObject({ starts: true, serving: { notAfter: '2027-11-25T00:00:00.000Z' } });
  });

  it('stops a scheduler whose client certificate the api-server refuses, running or not: each of its requests is refused', () => {
    for (const running of [false, true]) {
      expect(staticPodStarts([pod('kube-scheduler')], node(yearLater, running))).toEqual([{
        program: 'kube-scheduler', hash: 'kube-scheduler-hash', starts: false, until: 'its certificate is renewed (kubeadm certs renew scheduler.conf)',
        reason: 'the api-server refuses its client certificate (/etc/kubernetes/scheduler.conf: x509: certificate has expired or is not yet valid: current time 2027-12-30T00:00:00Z is after 2027-11-25T00:00:00Z): Unauthorized',
      }]);
    }
  });
});
