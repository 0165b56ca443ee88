import { describe, expect, it } from 'vitest';
import { ChaosUsageError, parseChaosCommand } from './chaos-cli.js';
import { ChaosRefusal, parseChaosRequest } from './chaos-requests.js';

describe('parseChaosCommand', () => {
  it.each([
    [['kill-agent', 'node-2'], { action: 'kill-agent', body: { node: 'node-2' } }],
    [['kill-agent', 'node-2', '--signal', 'SIGTERM'], { action: 'kill-agent', body: { node: 'node-2', signal: 'TERM' } }],
    [['start-agent', 'node-2'], { action: 'start-agent', body: { node: 'node-2' } }],
    [['partition', 'node-3', '--for', '1m30s'], { action: 'partition', body: { node: 'node-3', forSeconds: 90 } }],
    [['kill', 'api-server'], { action: 'kill', body: { service: 'api-server' } }],
    [['crash', 'web-0', '-n', 'shop', '-c', 'app', '--exit-code', '3'], { action: 'crash', body: { pod: 'web-0', namespace: 'shop', container: 'app', exitCode: 3 } }],
    [['unhealthy', 'web-0', '--probe', 'readiness', '--for', '30s'], { action: 'unhealthy', body: { pod: 'web-0', probe: 'readiness', forSeconds: 30 } }],
    [['oom', 'web-0', '--data-dir', '/tmp/x'], { action: 'oom', body: { pod: 'web-0' } }],
  ])('%j', (argv, expected) => {
    expect(parseChaosCommand(argv)).toEqual({ kind: 'drill', ...expected });
  });

  it('reads a random run', () => {
    expect(parseChaosCommand(['random', '--duration', '60s', '--seed', '7'])).toEqual({ kind: 'random', durationSeconds: 60, seed: 7, actions: ['kill-agent', 'pause-agent', 'crash'], dryRun: false, check: false, workload: false });
    expect(parseChaosCommand(['random', '--duration', '2m', '--seed', '1', '--actions', 'partition,oom', '--dry-run'])).toMatchObject({ actions: ['partition', 'oom'], dryRun: true });
    expect(parseChaosCommand(['random', '--duration', '30m', '--seed', '1', '--actions', 'all', '--workload', '--check'])).toMatchObject({
      actions: ['kill-agent', 'pause-agent', 'partition', 'crash', 'oom', 'unhealthy', 'kill-api-server', 'kill-scheduler', 'kill-controller-manager', 'kill-nats'], check: true, workload: true,
    });
  });

  it.each([
    [[], 'chaos needs an action'],
    [['explode'], 'unknown chaos action "explode"'],
    [['kill-agent'], 'kill-agent takes one NODE, e.g. kubelab chaos kill-agent node-2'],
    [['crash', 'web-0', '--exit-code', '0'], '--exit-code must be a whole number from 1 to 255'],
    [['partition', 'node-1', '--for', 'soon'], '--for takes a duration such as 30s, 5m or 1h30m, got "soon"'],
    [['random', '--seed', '7'], 'random needs --duration'],
    [['random', '--duration', '60s'], 'random needs --seed N'],
    [['random', '--duration', '60s', '--seed', '7', '--actions', 'kill-agent,nuke'], '--actions: unknown nuke'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseChaosCommand(argv)).toThrow(ChaosUsageError);
    expect(() => parseChaosCommand(argv)).toThrow(message);
  });
});

describe('parseChaosRequest', () => {
  it('defaults the signal, the namespace, the probe and the container', () => {
    expect(parseChaosRequest('kill-agent', { node: 'node-1' })).toEqual({ action: 'kill-agent', node: 'node-1', signal: 'KILL' });
    expect(parseChaosRequest('kill', { service: 'nats-1' })).toEqual({ action: 'kill', service: 'nats-1', signal: 'KILL' });
    expect(parseChaosRequest('start', { service: 'nats-3' })).toEqual({ action: 'start', service: 'nats-3' });
    expect(parseChaosRequest('unhealthy', { pod: 'web' })).toEqual({
      action: 'unhealthy', namespace: 'default', pod: 'web', chaos: { action: 'unhealthy', container: undefined, probe: 'liveness', forSeconds: undefined },
    });
  });

  it.each([
    ['nuke', {}, 404, 'unknown chaos action "nuke"'],
    ['kill-agent', [], 400, 'the body must be a JSON object'],
    ['kill-agent', {}, 400, '"node" is required'],
    ['kill-agent', { node: 'node-1', signal: 'HUP' }, 400, '"signal" must be one of KILL, TERM'],
    ['kill', { service: 'kubelet-agent/node-1' }, 400, 'unknown service "kubelet-agent/node-1"'],
    ['kill', { service: 'nats-one' }, 400, 'unknown service "nats-one"; one of api-server, scheduler, controller-manager, nats, dashboard, api-server-2 … api-server-N, nats-1 … nats-N'],
    ['start', { service: 'api-server-two' }, 400, 'unknown service "api-server-two"; one of api-server, scheduler, controller-manager, nats, dashboard, api-server-2 … api-server-N, nats-1 … nats-N'],
    ['crash', { pod: 'web', exitCode: 300 }, 400, '"exitCode" must be a whole number from 1 to 255'],
    ['unhealthy', { pod: 'web', probe: 'startup' }, 400, '"probe" must be liveness or readiness'],
  ])('refuses %s %j with %i', (action, body, code, message) => {
    let refusal: ChaosRefusal | undefined;
    try {
      parseChaosRequest(action, body);
    } catch (e) {
      refusal = e as ChaosRefusal;
    }
    expect(refusal).toBeInstanceOf(ChaosRefusal);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toContain(message);
  });
});
