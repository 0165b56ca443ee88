import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { connectionDenials, type NetworkDestination, type NetworkEndpoint } from './connection-allowed.js';
import { connectionDrop, dropKey, reportedDrop } from './connection-drop.js';

const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const pod = (name: string, labels: Record<string, string>, ip: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels }, spec: { containers: [{ name: 'main' }] }, status: { podIP: ip } });
const policy = (name: string, spec: object): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'default' }, spec });

const client: NetworkEndpoint = { pod: pod('client', { run: 'client' }, '10.244.1.6'), namespace: ns('default'), ip: '10.244.1.6' };
const web: NetworkDestination = { pod: pod('web', { app: 'web' }, '10.244.1.5'), namespace: ns('default'), ip: '10.244.1.5', port: 80, protocol: 'TCP' };
const denyIngress = policy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const denyEgress = policy('deny-egress', { podSelector: { matchLabels: { run: 'client' } }, policyTypes: ['Egress'] });
const allowOther = policy('allow-frontend', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }] });

describe('connectionDenials', () => {
  it('judges both sides, egress first, and is empty when the connection goes through', () => {
    expect(connectionDenials(client, web, [denyIngress, denyEgress])).toEqual([
      { direction: 'Egress', policies: ['deny-egress'] },
      { direction: 'Ingress', policies: ['default-deny-ingress'] },
    ]);
    expect(connectionDenials(client, web, [])).toEqual([]);
  });
});

describe('connectionDrop', () => {
  it('explains an ingress drop, naming the policy and the source', () => {
    const drop = connectionDrop(client, web, connectionDenials(client, web, [denyIngress]));
    expect(drop.explanation).toBe('ingress of default/web is isolated by NetworkPolicy default/default-deny-ingress and no policy allows from default/client on TCP 80');
    expect(drop).toMatchObject({
      source: { namespace: 'default', name: 'client', uid: 'uid-client', ip: '10.244.1.6' },
      destination: { namespace: 'default', name: 'web', ip: '10.244.1.5', port: 80, protocol: 'TCP' },
      denials: [{ direction: 'Ingress', pod: 'default/web', policies: ['default/default-deny-ingress'] }],
    });
  });

  it('names every isolating policy, and both sides when both refuse', () => {
    const drop = connectionDrop(client, web, connectionDenials(client, web, [denyIngress, allowOther, denyEgress]), { namespace: 'default', name: 'web' });
    expect(drop.explanation).toBe('egress of default/client is isolated by NetworkPolicy default/deny-egress and no policy allows to default/web on TCP 80; '
      + 'ingress of default/web is isolated by NetworkPolicies default/default-deny-ingress, default/allow-frontend and no policy allows from default/client on TCP 80');
    expect(drop.service).toEqual({ namespace: 'default', name: 'web' });
  });

  it('names an address outside the cluster by its IP', () => {
    const internet: NetworkDestination = { ip: '198.51.100.7', port: 443, protocol: 'TCP' };
    const drop = connectionDrop(client, internet, connectionDenials(client, internet, [denyEgress]));
    expect(drop.explanation).toBe('egress of default/client is isolated by NetworkPolicy default/deny-egress and no policy allows to 198.51.100.7 on TCP 443');
    expect(drop.destination).toEqual({ ip: '198.51.100.7', port: 443, protocol: 'TCP' });
  });
});

describe('dropKey', () => {
  it('is the same for the same source, destination and port', () => {
    const a = connectionDrop(client, web, connectionDenials(client, web, [denyIngress]));
    expect(dropKey(a)).toBe(dropKey(connectionDrop(client, web, connectionDenials(client, web, [denyIngress, allowOther]))));
    expect(dropKey(a)).not.toBe(dropKey(connectionDrop(client, { ...web, port: 8080 }, connectionDenials(client, { ...web, port: 8080 }, [denyIngress]))));
  });
});

describe('reportedDrop', () => {
  it('keeps the fields of a drop and nothing else a sender adds', () => {
    const drop = connectionDrop(client, web, connectionDenials(client, web, [denyIngress]));
    const reported = reportedDrop({ ...drop, count: 3, firstTime: 't1', lastTime: 't2', object: { spec: 'smuggled' }, source: { ...drop.source, extra: 1 } });
    expect(reported).toEqual({ ...drop, count: 3, firstTime: 't1', lastTime: 't2' });
  });

  it('refuses a report without a source pod', () => {
    expect(() => reportedDrop({ destination: { ip: '10.0.0.1', port: 80 } })).toThrow(/source pod/);
  });
});
