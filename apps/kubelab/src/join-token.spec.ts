import type { NetworkInterfaceInfo } from 'node:os';
import { nkeys } from 'nats';
import { describe, expect, it } from 'vitest';
import {
  advertisedNatsUrls, advertiseHost, decodeJoinToken, encodeJoinToken, joinLine, joinNodeNames, JoinTokenError, newNodePrefix, parseNatsUrls, type JoinGrant,
} from './join-token.js';

const seed = new TextDecoder().decode(nkeys.createUser().getSeed());
const grant: JoinGrant = { seed, nodePrefix: 'worker-x7k2p-', nodes: 2, nodeIndex: 4, timeScale: 20 };
const token = (doc: unknown) => Buffer.from(JSON.stringify(doc)).toString('base64url');

describe('the join token', () => {
  it('carries the grant through a command line unchanged, with no path of the lab\'s host', () => {
    const text = encodeJoinToken(grant);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJoinToken(` ${text}\n`)).toEqual(grant);
    expect(Buffer.from(text, 'base64url').toString()).not.toContain('/');
  });

  it('names the nodes as kubelet-agent --nodes N --node-prefix P does', () => {
    expect(joinNodeNames(grant)).toEqual(['worker-x7k2p-1', 'worker-x7k2p-2']);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /not a kubelab join token \(it is empty\)/],
    ['wrapped when copied', `${encodeJoinToken(grant).slice(0, 20)}\n${encodeJoinToken(grant).slice(20)}`, /characters base64url does not use/],
    ['cut when copied', encodeJoinToken(grant).slice(0, 30), /does not decode to JSON/],
    ['a kubeadm token', 'abcdef.0123456789abcdef', /characters base64url does not use/],
    ['not an object', token([1, 2]), /does not decode to an object/],
    ['another format', token({ ...grant, v: 2 }), /of format 2, and this kubelab reads format 1; print a new one with kubelab join-command/],
    ['no format', token(grant), /of format undefined/],
    ['a seed that is not one', token({ ...grant, v: 1, seed: 'SUAAAA' }), /nkey seed is not a NATS user seed/],
    ['an account seed, not a user\'s', token({ ...grant, v: 1, seed: new TextDecoder().decode(nkeys.createAccount().getSeed()) }), /nkey seed is not a NATS user seed/],
    ['no nodes', token({ ...grant, v: 1, nodes: 0 }), /node count is not a whole number from 1 to 1000/],
    ['a fraction of a node', token({ ...grant, v: 1, nodes: 1.5 }), /node count/],
    ['node names that are not DNS labels', token({ ...grant, v: 1, nodePrefix: 'Worker_' }), /node names are not DNS labels/],
    ['a node index of 0', token({ ...grant, v: 1, nodeIndex: 0 }), /node index is not a whole number ≥ 1/],
    ['a time scale of 0', token({ ...grant, v: 1, timeScale: 0 }), /time scale is not a positive number/],
  ])('refuses a token that is %s, saying so', (_, text, message) => {
    expect(() => decodeJoinToken(text)).toThrow(JoinTokenError);
    expect(() => decodeJoinToken(text)).toThrow(message);
  });
});

describe('newNodePrefix', () => {
  it('adds five letters of a generated name\'s suffix', () => {
    expect(newNodePrefix('worker', 2, () => 0)).toBe('worker-bbbbb-');
    expect(newNodePrefix('worker', 2)).toMatch(/^worker-[bcdfghjklmnpqrstvwxz2456789]{5}-$/);
  });

  it.each([['Worker'], ['-worker'], ['worker-'], ['a'.repeat(56)], ['']])('refuses the prefix "%s"', (prefix) => {
    expect(() => newNodePrefix(prefix, 2)).toThrow(/--node-prefix must be lowercase letters, digits and '-'/);
  });
});

describe('parseNatsUrls', () => {
  it.each<[string, string[]]>([
    ['nats://10.0.0.5:4222', ['nats://10.0.0.5:4222']],
    ['nats://a:4222, nats://b:4223,tls://c:4224', ['nats://a:4222', 'nats://b:4223', 'tls://c:4224']],
  ])('reads %s', (text, urls) => expect(parseNatsUrls(text)).toEqual(urls));

  it.each([['10.0.0.5:4222'], ['http://a:4222'], ['nats://a:4222,'], ['nats://a:4222/x']])('refuses %s', (text) => {
    expect(() => parseNatsUrls(text)).toThrow(/--nats-url takes nats:\/\/HOST:PORT, or several separated by commas/);
  });
});

describe('where other hosts reach the lab\'s NATS', () => {
  const nic = (address: string, internal: boolean, family: 'IPv4' | 'IPv6' = 'IPv4') => ({ address, internal, family }) as NetworkInterfaceInfo;
  const interfaces = { lo: [nic('127.0.0.1', true)], eth0: [nic('fe80::1', false, 'IPv6'), nic('192.168.1.20', false)] };

  it.each<[string, string, string | undefined, string, RegExp | undefined]>([
    ['every address: the host\'s first external IPv4 address', '0.0.0.0', undefined, '192.168.1.20', undefined],
    ['every IPv6 address too', '::', undefined, '192.168.1.20', undefined],
    ['one address: that one', '10.1.2.3', undefined, '10.1.2.3', undefined],
    ['--advertise over all', '0.0.0.0', 'lab.example', 'lab.example', undefined],
    ['loopback: this host only, and how to open it', '127.0.0.1', undefined, '127.0.0.1', /works on this host alone; for other hosts, start the lab with kubelab up --nats-listen 0.0.0.0/],
  ])('%s', (_, listen, advertise, host, note) => {
    const advertised = advertiseHost(listen, interfaces, advertise);
    expect(advertised.host).toBe(host);
    if (note) expect(advertised.note).toMatch(note);
    else expect(advertised.note).toBeUndefined();
  });

  it('says so when the host has no address but loopback', () => {
    expect(advertiseHost('0.0.0.0', { lo: interfaces.lo }).note).toMatch(/--advertise HOST/);
  });

  it('names the host in every URL of the lab, keeping each port', () => {
    expect(advertisedNatsUrls(['nats://127.0.0.1:4222', 'nats://127.0.0.1:4223'], '192.168.1.20')).toEqual(['nats://192.168.1.20:4222', 'nats://192.168.1.20:4223']);
    expect(advertisedNatsUrls(['nats://127.0.0.1:4222'], 'fd00::5')).toEqual(['nats://[fd00::5]:4222']);
  });

  it('prints one line', () => {
    expect(joinLine(['nats://a:1', 'nats://a:2'], 'T')).toBe('npx kubelab join --nats-url nats://a:1,nats://a:2 --token T');
  });
});
