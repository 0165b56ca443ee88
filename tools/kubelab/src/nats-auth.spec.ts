import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@kubelab/testing';
import { labBusIdentities, labNkeyFile, natsConfigFile, writeNatsAuth } from './nats-auth.js';

describe('the lab\'s NATS users', () => {
  it('makes a private seed per process, keeps it across starts, and lists every user with its permissions', () => {
    const dir = tempDir('nats-auth');
    writeNatsAuth(dir, labBusIdentities(2));
    const seedFile = labNkeyFile(dir, { kind: 'kubelet', nodes: ['node-2'] });
    expect(seedFile).toBe(join(dir, 'nats/users/kubelet-node-2.nk'));
    const seed = readFileSync(seedFile, 'utf8');
    expect(seed).toMatch(/^SU[A-Z2-7]+\n$/);
    expect(statSync(seedFile).mode & 0o777).toBe(0o600);
    writeNatsAuth(dir, labBusIdentities(2));
    expect(readFileSync(seedFile, 'utf8')).toBe(seed);
    const config = JSON.parse(readFileSync(natsConfigFile(dir), 'utf8'));
    expect(config.jetstream).toEqual({ store_dir: join(dir, 'nats') });
    expect(config.authorization.users).toHaveLength(6);
    const agent = config.authorization.users[5];
    expect(agent.nkey).toMatch(/^U[A-Z2-7]{55}$/);
    expect(agent.permissions.publish.allow).toContain('kubelab.api.request.node.node-2');
    expect(agent.permissions.allow_responses).toBe(true);
  });
});
