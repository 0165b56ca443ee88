import { describe, expect, it } from 'vitest';
import { agentStates, nodeChaos, podChaos } from './chaos.js';

describe('nodeChaos', () => {
  it.each([
    ['kill-agent', { node: 'node-2', signal: 'KILL' }],
    ['pause-agent', { node: 'node-2' }],
    ['resume-agent', { node: 'node-2' }],
    ['start-agent', { node: 'node-2' }],
  ] as const)('%s posts %j', (action, body) => {
    const request = nodeChaos(action, 'node-2');
    expect(request.path).toBe(`/chaos/${action}`);
    expect(request.body).toEqual(body);
    expect(request.question).toContain('node-2');
  });
});

describe('podChaos', () => {
  it.each([
    ['crash', { namespace: 'default', pod: 'web-x', exitCode: 1 }],
    ['unhealthy', { namespace: 'default', pod: 'web-x', probe: 'liveness', forSeconds: 30 }],
  ] as const)('%s posts %j', (action, body) => {
    const request = podChaos(action, 'default', 'web-x');
    expect(request.path).toBe(`/chaos/${action}`);
    expect(request.body).toEqual(body);
    expect(request.question).toContain('default/web-x');
  });
});

describe('agentStates', () => {
  it('maps each agent process to its node', () => {
    const states = agentStates({ processes: [
      { name: 'api-server', pid: 1, state: 'running' },
      { name: 'kubelet-agent/node-1', pid: 2, state: 'running' },
      { name: 'kubelet-agent/node-2', pid: 3, state: 'paused' },
    ] });
    expect([...states]).toEqual([['node-1', 'running'], ['node-2', 'paused']]);
  });
});
