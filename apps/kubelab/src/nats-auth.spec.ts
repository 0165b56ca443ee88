import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@kubelab/testing';
import { addAgentUser, addNodeUsers, labBusIdentities, labNkeyFile, labNodesWithUsers, natsConfigFile, readNatsCluster, writeNatsAuth, writeNatsCluster, type NatsMember } from './nats-auth.js';

describe('the lab\'s NATS users', () => {
  it('gives an agent that hosts several nodes one user, the kubelet of each of them, and remembers its nodes across starts', () => {
    const dir = tempDir('nats-auth');
    writeNatsAuth(dir, labBusIdentities([['node-1', 'node-2'], ['node-3']]));
    const users = JSON.parse(readFileSync(natsConfigFile(dir), 'utf8')).authorization.users as { permissions: { publish: { allow: string[] } } }[];
    const group = users.find((u) => u.permissions.publish.allow.includes('kubelab.api.request.node.node-1'))!;
    expect(group.permissions.publish.allow).toEqual(expect.arrayContaining(['kubelab.api.request.node.node-1', 'kubelab.api.request.node.node-2']));
    expect(group.permissions.publish.allow).not.toContain('kubelab.api.request.node.node-3');
    expect(labNodesWithUsers(dir).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    // Started again with an agent per node: node-1's user is the kubelet of node-1 alone, whatever it was before.
    writeNatsAuth(dir, labBusIdentities([['node-1'], ['node-2'], ['node-3']]));
    const again = JSON.parse(readFileSync(natsConfigFile(dir), 'utf8')).authorization.users as { permissions: { publish: { allow: string[] } } }[];
    const node1 = again.filter((u) => u.permissions.publish.allow.includes('kubelab.api.request.node.node-1'));
    expect(node1).toHaveLength(1);
    expect(node1[0].permissions.publish.allow).not.toContain('kubelab.api.request.node.node-2');
    expect(labNodesWithUsers(dir).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    // A node added later rewrites the users from their seeds: node-1's still hosts node-1 alone.
    addNodeUsers(dir, ['extra']);
    const later = JSON.parse(readFileSync(natsConfigFile(dir), 'utf8')).authorization.users as { permissions: { publish: { allow: string[] } } }[];
    expect(later.filter((u) => u.permissions.publish.allow.includes('kubelab.api.request.node.node-2'))).toHaveLength(1);
  });

  it('makes a private seed per process, keeps it across starts, and lists every user with its permissions', () => {
    const dir = tempDir('nats-auth');
    writeNatsAuth(dir, labBusIdentities([['node-1'], ['node-2']]));
    const seedFile = labNkeyFile(dir, { kind: 'kubelet', nodes: ['node-2'] });
    expect(seedFile).toBe(join(dir, 'nats/users/kubelet-node-2.nk'));
    const seed = readFileSync(seedFile, 'utf8');
    expect(seed).toMatch(/^SU[A-Z2-7]+\n$/);
    expect(statSync(seedFile).mode & 0o777).toBe(0o600);
    writeNatsAuth(dir, labBusIdentities([['node-1'], ['node-2']]));
    expect(readFileSync(seedFile, 'utf8')).toBe(seed);
    const config = JSON.parse(readFileSync(natsConfigFile(dir), 'utf8'));
    expect(config.jetstream).toEqual({ store_dir: join(dir, 'nats') });
    expect(config.authorization.users).toHaveLength(6);
    const agent = config.authorization.users[5];
    expect(agent.nkey).toMatch(/^U[A-Z2-7]{55}$/);
    expect(agent.permissions.publish.allow).toContain('kubelab.api.request.node.node-2');
    expect(agent.permissions.allow_responses).toBe(true);
  });

  it('gives a joining agent one user for all its nodes, kept when the lab restarts or another node is added', () => {
    const dir = tempDir('nats-auth');
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    const seedFile = addAgentUser(dir, ['worker-x7k2p-1', 'worker-x7k2p-2']);
    expect(seedFile).toBe(join(dir, 'nats/users/kubelet-worker-x7k2p-1.nk'));
    expect(statSync(seedFile).mode & 0o777).toBe(0o600);
    const agentUser = () => JSON.parse(readFileSync(natsConfigFile(dir), 'utf8')).authorization.users
      .find((u: { permissions: { publish: { allow: string[] } } }) => u.permissions.publish.allow.includes('kubelab.api.request.node.worker-x7k2p-1'));
    const allowed = ['kubelab.api.request.node.worker-x7k2p-1', 'kubelab.api.request.node.worker-x7k2p-2'];
    expect(agentUser().permissions.publish.allow).toEqual(expect.arrayContaining(allowed));
    expect(agentUser().permissions.publish.allow).not.toContain('kubelab.api.request.node.node-1');
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    addNodeUsers(dir, ['extra']);
    expect(agentUser().permissions.publish.allow).toEqual(expect.arrayContaining(allowed));
    expect(labNodesWithUsers(dir).sort()).toEqual(['extra', 'node-1', 'worker-x7k2p-1', 'worker-x7k2p-2']);
  });

  it.each<[string, string[], RegExp]>([
    ['a name that is not a DNS label', ['Worker_1'], /a node name must be lowercase letters/],
    ['a node with a user already', ['node-1'], /node node-1 has a NATS user already/],
    ['no node', [], /at least one node/],
  ])('refuses a joining agent %s', (_, nodes, message) => {
    const dir = tempDir('nats-auth');
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    expect(() => addAgentUser(dir, nodes)).toThrow(message);
  });

  it('refuses node add of a node a joining agent hosts', () => {
    const dir = tempDir('nats-auth');
    addAgentUser(dir, ['w-1', 'w-2']);
    expect(() => addNodeUsers(dir, ['w-2'])).toThrow('node w-2 is hosted already by the agent of w-1, w-2 (kubelab join-command)');
  });
});

describe('the configurations of a lab\'s NATS cluster', () => {
  const members: NatsMember[] = [{ name: 'nats-1', port: 14001, clusterPort: 16001 }, { name: 'nats-2', port: 14002, clusterPort: 16002 }, { name: 'nats-3', port: 14003, clusterPort: 16003 }];
  const config = (dir: string, member: string) => JSON.parse(readFileSync(natsConfigFile(dir, member), 'utf8'));

  it.each([
    ['nats-1', ['nats-route://127.0.0.1:16002', 'nats-route://127.0.0.1:16003']],
    ['nats-2', ['nats-route://127.0.0.1:16001', 'nats-route://127.0.0.1:16003']],
    ['nats-3', ['nats-route://127.0.0.1:16001', 'nats-route://127.0.0.1:16002']],
  ])('gives %s its own name and store, routes to the others and advertises no client URL', (member, routes) => {
    const dir = tempDir('nats-cluster-auth');
    writeNatsCluster(dir, members);
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    const own = config(dir, member);
    expect(own.server_name).toBe(member);
    expect(own.jetstream).toEqual({ store_dir: join(dir, 'nats', member) });
    expect(own.cluster).toEqual({ name: 'kubelab', listen: `127.0.0.1:${members.find((m) => m.name === member)!.clusterPort}`, no_advertise: true, routes });
  });

  it('lets the same users into every member, a node added later included, and goes back to one server without the cluster', () => {
    const dir = tempDir('nats-cluster-auth');
    writeNatsCluster(dir, members);
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    addNodeUsers(dir, ['edge-1']);
    const users = members.map((m) => config(dir, m.name).authorization.users);
    expect(users[0]).toHaveLength(6);
    expect(users[1]).toEqual(users[0]);
    expect(users[2]).toEqual(users[0]);
    expect(users[0].filter((u: { permissions: { publish: { allow: string[] } } }) => u.permissions.publish.allow.includes('kubelab.api.request.node.edge-1'))).toHaveLength(1);
    writeNatsCluster(dir, []);
    writeNatsAuth(dir, labBusIdentities([['node-1']]));
    expect(readNatsCluster(dir)).toEqual([]);
    expect(JSON.parse(readFileSync(natsConfigFile(dir), 'utf8')).authorization.users).toHaveLength(6);
  });
});
