import { describe, expect, it } from 'vitest';
import { agentStates, nodeButtons, nodeChaos, nodeServiceStates, podChaos } from './chaos.js';

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
      { name: 'kubelet-agent/node-1', pid: 2, state: 'running', nodes: ['node-1'] },
      { name: 'kubelet-agent/node-2', pid: 3, state: 'paused', nodes: ['node-2'] },
    ] });
    expect([...states]).toEqual([['node-1', 'running'], ['node-2', 'paused']]);
  });

  it('gives each node of an agent that hosts several the agent\'s state', () => {
    const states = agentStates({ processes: [{ name: 'kubelet-agent/node-1..node-2', pid: 2, state: 'stopped', nodes: ['node-1', 'node-2'] }] });
    expect([...states]).toEqual([['node-1', 'stopped'], ['node-2', 'stopped']]);
  });
});

describe('nodeServiceStates', () => {
  it('maps each node to its units, and is empty from a supervisor that sends none', () => {
    const kubelet = { unit: 'kubelet.service', active: 'inactive', sub: 'dead', since: '2026-11-25T09:00:00.000Z' } as const;
    expect([...nodeServiceStates({ processes: [], nodes: [{ node: 'node-2', services: [kubelet] }] })]).toEqual([['node-2', [kubelet]]]);
    expect(nodeServiceStates({ processes: [] }).size).toBe(0);
  });
});

describe('nodeButtons', () => {
  const enabled = (state: Parameters<typeof nodeButtons>[1]) => nodeButtons('node-2', state).filter((b) => b.enabled).map((b) => b.action);
  it.each([
    ['running', ['kill-agent', 'pause-agent']],
    ['paused', ['kill-agent', 'resume-agent']],
    ['stopped', ['start-agent']],
    ['exited', ['start-agent']],
    [undefined, []],
  ] as const)('an agent %s may be sent %j', (state, actions) => {
    expect(enabled(state)).toEqual(actions);
  });

  it('says why a button is disabled', () => {
    const titles = (state: Parameters<typeof nodeButtons>[1]) => Object.fromEntries(nodeButtons('node-2', state).map((b) => [b.action, b.title]));
    expect(titles('paused')['start-agent']).toBe('the agent is paused: resume or kill it');
    expect(titles('exited')['kill-agent']).toBe('the agent exited: start it');
    expect(titles('running')['kill-agent']).toBe('SIGKILL the kubelet-agent: the node goes NotReady');
    expect(titles(undefined)['kill-agent']).toBe('the lab supervisor reports no kubelet-agent for node-2 (GET /status); in the compose lab, run on the host: npx kubelab chaos kill-agent node-2 --engine compose');
  });
});
