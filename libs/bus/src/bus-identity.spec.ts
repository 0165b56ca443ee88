import { describe, expect, it } from 'vitest';
import { apiRequestSubject, busUserName, senderOfSubject } from './bus-identity.js';
import { busPermissions } from './bus-permissions.js';

describe('bus identities', () => {
  it('gives each sender its own request subject, and reads the sender back from it', () => {
    expect(apiRequestSubject({ kind: 'scheduler' })).toBe('kubelab.api.request.scheduler');
    expect(apiRequestSubject({ kind: 'kubelet', nodes: ['node-1', 'node-2'] }, 'node-2')).toBe('kubelab.api.request.node.node-2');
    expect(senderOfSubject('kubelab.api.request.node.node-2')).toEqual({ kind: 'kubelet', nodes: ['node-2'] });
    expect(senderOfSubject('kubelab.api.request.controller-manager')).toEqual({ kind: 'controller-manager' });
  });

  it.each(['kubelab.api.request', 'kubelab.api.request.node.', 'kubelab.api.request.node.a.b', 'kubelab.api.request.api-server', 'kubelab.events'])(
    'knows no sender on %s',
    (subject) => expect(senderOfSubject(subject)).toBeUndefined(),
  );

  it.each([{ kind: 'api-server' as const }, { kind: 'admin' as const }])('lets the $kind answer any request by its publish list alone, so nats-server keeps no note of each', (identity) => {
    const p = busPermissions(identity);
    expect(p.publish.allow).toEqual(['>']);
    expect(p.allowResponses).toBe(false);
  });

  it('lets an agent publish requests, heartbeats and usage reports only for its own nodes', () => {
    const p = busPermissions({ kind: 'kubelet', nodes: ['node-1'] });
    expect(busUserName({ kind: 'kubelet', nodes: ['node-1'] })).toBe('kubelet-node-1');
    expect(p.publish.allow).toContain('kubelab.api.request.node.node-1');
    expect(p.publish.allow).toContain('$KV.kubelab-node-leases.node-1');
    expect(p.publish.allow).toContain('$KV.kubelab-node-usage.node-1');
    expect(p.publish.allow.filter((s) => /^\$KV\.kubelab-node-(leases|usage)\./.test(s))).toEqual(['$KV.kubelab-node-leases.node-1', '$KV.kubelab-node-usage.node-1']);
    expect(p.publish.allow.filter((s) => s.includes('node-2'))).toEqual([]);
    expect(p.publish.allow.some((s) => s === '>' || s.startsWith('kubelab.api.request.') && !s.endsWith('node-1'))).toBe(false);
    expect(p.subscribe.allow).toEqual(expect.arrayContaining(['kubelab.agent.node-1.>', '_INBOX.kubelet-node-1.>']));
    expect(p.subscribe.allow).not.toContain('_INBOX.>');
  });

  it('lets an agent follow the agents\' lane and its own nodes\' pods\' lanes of the event stream, and no other node\'s', () => {
    const lanes = busPermissions({ kind: 'kubelet', nodes: ['node-1', 'node-2'] }).subscribe.allow.filter((s) => s.startsWith('kubelab.lane.'));
    expect(lanes).toEqual(['kubelab.lane.agent', 'kubelab.lane.pod.node.node-1', 'kubelab.lane.pod.node.node-2']);
  });

  it('lets an agent of several nodes report the usage of each, and bind to the bucket it cannot create', () => {
    const p = busPermissions({ kind: 'kubelet', nodes: ['sim-1', 'sim-2'] });
    expect(p.publish.allow).toEqual(expect.arrayContaining(['$KV.kubelab-node-usage.sim-1', '$KV.kubelab-node-usage.sim-2', '$JS.API.STREAM.INFO.KV_kubelab-node-usage']));
    expect(p.publish.allow.some((s) => s.startsWith('$JS.API.STREAM.CREATE'))).toBe(false);
  });

  it('lets an agent write PersistentVolumes\' files and its own nodes\' disks, and no other node\'s', () => {
    const writes = busPermissions({ kind: 'kubelet', nodes: ['node-1', 'node-2'] }).publish.allow.filter((s) => s.startsWith('$KV.kubelab-volumes.'));
    expect(writes).toEqual(['$KV.kubelab-volumes.pv.>', '$KV.kubelab-volumes.node.node-1.>', '$KV.kubelab-volumes.node.node-2.>']);
  });

  it('keeps the scheduler off every other sender\'s subject and off destructive JetStream calls', () => {
    const p = busPermissions({ kind: 'scheduler' });
    expect(p.publish.allow.filter((s) => s.startsWith('kubelab.'))).toEqual(['kubelab.api.request.scheduler', 'kubelab.events.replay']);
    expect(p.publish.deny).toContain('$JS.API.STREAM.DELETE.>');
  });
});
