import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { Pod } from '../typed-objects.js';
import { connectionAllowed, type NetworkDestination, type NetworkEndpoint } from './connection-allowed.js';
import { ipInCidr } from './ip-in-cidr.js';

const namespace = (name: string, labels: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
const pod = (name: string, ns: string, labels: Record<string, string>, ip: string, ports: object[] = []): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'main', ports }] }, status: { podIP: ip } });
const policy = (name: string, ns: string, spec: object): KubeObject =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });

const prod = namespace('prod', { team: 'web' });
const dev = namespace('dev');
const web = pod('web', 'prod', { app: 'web' }, '10.244.0.5', [{ name: 'http', containerPort: 80 }]);
const client = pod('client', 'prod', { run: 'client' }, '10.244.0.6');
const labelled = pod('access', 'prod', { access: 'true' }, '10.244.0.7');
const devClient = pod('client', 'dev', { access: 'true' }, '10.244.1.8');

const at = (p: KubeObject, ns: KubeObject): NetworkEndpoint => ({ pod: p, namespace: ns, ip: (p as Pod).status!.podIP! });
const toWeb = (port = 80, protocol: NetworkDestination['protocol'] = 'TCP'): NetworkDestination => ({ ...at(web, prod), port, protocol });
const internet = (port = 80): NetworkDestination => ({ ip: '198.51.100.7', port, protocol: 'TCP' });

const denyIngress = policy('default-deny-ingress', 'prod', { podSelector: {}, policyTypes: ['Ingress'] });
const allowIngress = (rule: object, name = 'allow') => policy(name, 'prod', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [rule] });

describe('connectionAllowed', () => {
  it('allows everything while no policy selects either pod', () => {
    expect(connectionAllowed(at(client, prod), toWeb(), [])).toEqual({ allowed: true });
    expect(connectionAllowed(at(client, prod), toWeb(), [policy('other', 'prod', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] })]).allowed).toBe(true);
  });

  it('denies ingress under a default-deny (podSelector {} and no rules), naming the policy', () => {
    expect(connectionAllowed(at(client, prod), toWeb(), [denyIngress])).toEqual({ allowed: false, deniedBy: { direction: 'Ingress', policies: ['default-deny-ingress'] } });
  });

  it('leaves pods of another namespace unisolated by the policy', () => {
    const devWeb = pod('web', 'dev', { app: 'web' }, '10.244.1.5');
    expect(connectionAllowed(at(client, prod), { ...at(devWeb, dev), port: 80, protocol: 'TCP' }, [denyIngress]).allowed).toBe(true);
  });

  it('does not isolate ingress for a policy listing only Egress', () => {
    const egressOnly = policy('egress', 'prod', { podSelector: {}, policyTypes: ['Egress'] });
    expect(connectionAllowed(at(devClient, dev), toWeb(), [egressOnly]).allowed).toBe(true);
  });

  it('allows all with `ingress: [{}]` but none with `ingress: []`', () => {
    const all = policy('all', 'prod', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    const none = policy('none', 'prod', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
    expect(connectionAllowed(at(devClient, dev), toWeb(), [all]).allowed).toBe(true);
    expect(connectionAllowed(at(devClient, dev), toWeb(), [none]).allowed).toBe(false);
  });

  it('unions the rules of every selecting policy', () => {
    const policies = [denyIngress, allowIngress({ from: [{ podSelector: { matchLabels: { access: 'true' } } }] })];
    expect(connectionAllowed(at(labelled, prod), toWeb(), policies).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(), policies)).toEqual({ allowed: false, deniedBy: { direction: 'Ingress', policies: ['default-deny-ingress', 'allow'] } });
  });

  it('reads a podSelector peer alone as pods of the policy namespace only', () => {
    const policies = [allowIngress({ from: [{ podSelector: { matchLabels: { access: 'true' } } }] })];
    expect(connectionAllowed(at(devClient, dev), toWeb(), policies).allowed).toBe(false);
  });

  it('admits every pod of a namespace matched by a namespaceSelector peer, matchExpressions included', () => {
    const byName = allowIngress({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }] });
    const byExpression = allowIngress({ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }] });
    expect(connectionAllowed(at(devClient, dev), toWeb(), [byName]).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(), [byName]).allowed).toBe(false);
    expect(connectionAllowed(at(devClient, dev), toWeb(), [byExpression]).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(), [byExpression]).allowed).toBe(false);
  });

  it('ANDs namespaceSelector and podSelector in one peer, and ORs them as two peers', () => {
    const devOther = pod('other', 'dev', {}, '10.244.1.9');
    const and = allowIngress({ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { access: 'true' } } }] });
    const or = allowIngress({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }, { podSelector: { matchLabels: { access: 'true' } } }] });
    expect(connectionAllowed(at(devClient, dev), toWeb(), [and]).allowed).toBe(true);
    expect(connectionAllowed(at(devOther, dev), toWeb(), [and]).allowed).toBe(false);
    expect(connectionAllowed(at(devOther, dev), toWeb(), [or]).allowed).toBe(true);
    expect(connectionAllowed(at(labelled, prod), toWeb(), [or]).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(), [or]).allowed).toBe(false);
  });

  it('matches ipBlock peers against the pod IP, minus the except blocks', () => {
    const block = allowIngress({ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }] });
    expect(connectionAllowed(at(client, prod), toWeb(), [block]).allowed).toBe(true);
    expect(connectionAllowed(at(devClient, dev), toWeb(), [block]).allowed).toBe(false);
  });

  it('checks ports by number, protocol (TCP by default), endPort range and named container port', () => {
    const ports = (p: object[]) => [allowIngress({ ports: p })];
    expect(connectionAllowed(at(client, prod), toWeb(80), ports([{ port: 80 }])).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(8080), ports([{ port: 80 }])).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), toWeb(80, 'UDP'), ports([{ port: 80 }])).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), toWeb(80, 'UDP'), ports([{ protocol: 'UDP' }])).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(8005), ports([{ port: 8000, endPort: 8010 }])).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(8011), ports([{ port: 8000, endPort: 8010 }])).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), toWeb(80), ports([{ port: 'http' }])).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(80), ports([{ port: 'https' }])).allowed).toBe(false);
  });

  it('needs both peers and ports of one rule to match', () => {
    const rule = allowIngress({ from: [{ podSelector: { matchLabels: { access: 'true' } } }], ports: [{ port: 443 }] });
    expect(connectionAllowed(at(labelled, prod), toWeb(80), [rule]).allowed).toBe(false);
    expect(connectionAllowed(at(labelled, prod), toWeb(443), [rule]).allowed).toBe(true);
  });

  it('denies at the source under an egress default-deny, even when the destination allows', () => {
    const denyEgress = policy('default-deny-egress', 'prod', { podSelector: {}, policyTypes: ['Egress'] });
    expect(connectionAllowed(at(client, prod), toWeb(), [denyEgress])).toEqual({ allowed: false, deniedBy: { direction: 'Egress', policies: ['default-deny-egress'] } });
  });

  it('allows egress to the selected pods and ports only', () => {
    const egress = policy('to-web', 'prod', { podSelector: { matchLabels: { run: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] });
    expect(connectionAllowed(at(client, prod), toWeb(80), [egress]).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(81), [egress]).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), internet(), [egress]).allowed).toBe(false);
  });

  it('reaches the internet under egress only through ipBlock peers or a rule without peers', () => {
    const egress = (rule: object) => [policy('out', 'prod', { podSelector: {}, policyTypes: ['Egress'], egress: [rule] })];
    expect(connectionAllowed(at(client, prod), internet(), egress({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] })).allowed).toBe(true);
    expect(connectionAllowed(at(client, prod), toWeb(), egress({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] })).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), internet(), egress({ to: [{ namespaceSelector: {} }] })).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), internet(), egress({ ports: [{ port: 80 }] })).allowed).toBe(true);
  });

  it('defaults policyTypes for a policy stored without them (Egress when egress rules are given)', () => {
    const withEgress = policy('e', 'prod', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] });
    expect(connectionAllowed(at(client, prod), internet(), [withEgress]).allowed).toBe(false);
    expect(connectionAllowed(at(client, prod), toWeb(), [withEgress])).toMatchObject({ allowed: false, deniedBy: { direction: 'Ingress' } });
  });
});

describe('ipInCidr', () => {
  it.each([
    ['10.244.1.8', '10.244.0.0/16', true],
    ['10.245.0.1', '10.244.0.0/16', false],
    ['198.51.100.7', '0.0.0.0/0', true],
    ['10.0.0.1', '10.0.0.1/32', true],
    ['10.0.0.2', '10.0.0.1', false],
    ['10.0.0.1', '::/0', false],
  ])('%s in %s: %s', (address, cidr, expected) => {
    expect(ipInCidr(address, cidr)).toBe(expected);
  });
});
