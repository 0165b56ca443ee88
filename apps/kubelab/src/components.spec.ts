import { describe, expect, it } from 'vitest';
import { agentComponentName, bigLabHint, labAgentNodes, labProcesses, type LabSettings } from './components.js';

const settings: LabSettings = {
  root: '/lab', dataDir: '/lab/.kubelab', apiPort: 6443, natsUrl: 'nats://127.0.0.1:4222', natsCluster: [], natsListen: '127.0.0.1', nodes: 3,
  controlPlane: true, timeScale: 1, controlPort: 0, dashboardPort: 6480, insecureHttp: false, recordWatchDeliveries: false,
};

describe('labAgentNodes', () => {
  it('gives each node an agent of its own by default', () => {
    expect(labAgentNodes(settings).map((a) => a.nodes)).toEqual([['controlplane'], ['node-1'], ['node-2'], ['node-3']]);
  });

  it('puts the workers K to an agent, the last with what is left; the control plane and each spare machine stay alone', () => {
    expect(labAgentNodes({ ...settings, nodes: 5, nodesPerAgent: 2, spareNodes: 2 })).toEqual([
      { nodes: ['controlplane'], spare: false },
      { nodes: ['node-1', 'node-2'], spare: false }, { nodes: ['node-3', 'node-4'], spare: false }, { nodes: ['node-5'], spare: false },
      { nodes: ['node-6'], spare: true }, { nodes: ['node-7'], spare: true },
    ]);
  });
});

describe('bigLabHint', () => {
  it('speaks of a lab of more than 20 workers with an agent each, and suggests agents of up to 50 nodes', () => {
    expect(bigLabHint({ nodes: 3 })).toBeUndefined();
    expect(bigLabHint({ nodes: 20 })).toBeUndefined();
    expect(bigLabHint({ nodes: 100, nodesPerAgent: 10 })).toBeUndefined();
    expect(bigLabHint({ nodes: 30 })).toContain('--nodes-per-agent 15 ');
    expect(bigLabHint({ nodes: 1000 })).toMatch(/^kubelab: 1000 nodes with a kubelet-agent each.*--nodes-per-agent 50 .*takes all its nodes down together\n$/);
  });
});

describe('agentComponentName', () => {
  it('names an agent by its node, or by the first and last of its nodes', () => {
    expect(agentComponentName(['node-2'])).toBe('kubelet-agent/node-2');
    expect(agentComponentName(['node-1', 'node-2', 'node-3'])).toBe('kubelet-agent/node-1..node-3');
  });
});

describe('an agent that hosts several nodes', () => {
  const agents = labProcesses({ ...settings, nodes: 4, nodesPerAgent: 4 }, ['kubelet-agent']);

  it('is one component, which names each node it hosts and signs in to NATS as the kubelet of all of them', () => {
    expect(agents.map((c) => [c.name, c.nodes])).toEqual([['kubelet-agent/controlplane', ['controlplane']], ['kubelet-agent/node-1..node-4', ['node-1', 'node-2', 'node-3', 'node-4']]]);
    const { argv } = agents[1].thread!(settings);
    expect(argv.slice(0, 8)).toEqual(['--node-name', 'node-1', '--node-name', 'node-2', '--node-name', 'node-3', '--node-name', 'node-4']);
    expect(argv[argv.indexOf('--nats-nkey') + 1]).toBe('/lab/.kubelab/nats/users/kubelet-node-1.nk');
    expect(agents[1].readiness).toBe('node');
  });
});
