import { describe, expect, it } from 'vitest';
import { composeDrift, expectedServices, serviceName, type ComposeConfig, type ExpectedService, type LabProcess } from './compose-drift.js';

const node = '/usr/local/bin/node';
const env = { KUBELAB_LOG_LEVEL: 'warn' };

describe('expectedServices', () => {
  it.each<[string, LabProcess, string[]]>([
    ['nats listens on the network and serves /healthz', { name: 'nats', file: 'nats-server', args: ['-a', '127.0.0.1', '-p', '4222', '-js'] },
      ['nats-server', '-a', '0.0.0.0', '-p', '4222', '-js', '-m', '8222']],
    ['nats under the guardian kubelab up puts it in runs bare', {
      name: 'nats', file: 'sh', args: ['-c', 'the guardian\'s script', 'nats-guardian', '-a', '127.0.0.1', '-p', '4222'],
    }, ['nats-server', '-a', '0.0.0.0', '-p', '4222', '-m', '8222']],
    ['the api-server binds every interface and its certificate names the service', { name: 'api-server', file: node, args: ['/app/api.mjs', '--port', '6443'] },
      ['node', '/app/api.mjs', '--port', '6443', '--host', '0.0.0.0', '--tls-san', 'api-server']],
    ['the dashboard reaches the api-server by name, without a control API, its secret on its own volume', {
      name: 'dashboard', file: node,
      args: ['/app/d.mjs', '--port', '6480', '--api-url', 'https://127.0.0.1:6443', '--control-url', 'http://127.0.0.1:1', '--root', '/app', '--data-dir', '/data', '--time-scale', '1', '--secret-file', '/data/lab-secret'],
    }, ['node', '/app/d.mjs', '--port', '6480', '--api-url', 'https://api-server:6443', '--root', '/app', '--time-scale', '1', '--secret-file', '/secret/dashboard-secret', '--host', '0.0.0.0']],
    ['an agent is taken as it is', { name: 'kubelet-agent/node-2', file: node, args: ['/app/a.mjs', '--node-name', 'node-2'] },
      ['node', '/app/a.mjs', '--node-name', 'node-2']],
  ])('%s', (_, process, command) => {
    const { services, drift } = expectedServices([process], node);
    expect(services[0].command).toEqual(command);
    expect(drift).toEqual([]);
  });

  it('gives node services the lab environment and nats none', () => {
    const { services } = expectedServices([
      { name: 'nats', file: 'nats-server', args: ['-a', '127.0.0.1'] },
      { name: 'scheduler', file: node, args: ['/app/s.mjs'] },
    ], node);
    expect(services.map((s) => [s.service, s.environment])).toEqual([['nats', {}], ['scheduler', env]]);
  });

  it('adds what a component passes in its environment (the api-server\'s KUBELAB_DATABASE) to the lab environment', () => {
    const { services } = expectedServices([{ name: 'api-server', file: node, args: ['/app/api.mjs'], env: { KUBELAB_DATABASE: 'postgres://kubelab:kubelab@postgres:5432/kubelab' } }], node);
    expect(services[0].environment).toEqual({ ...env, KUBELAB_DATABASE: 'postgres://kubelab:kubelab@postgres:5432/kubelab' });
  });

  it('reports an adaptation whose flag components.ts no longer passes', () => {
    const { drift } = expectedServices([{ name: 'dashboard', file: node, args: ['/app/d.mjs', '--api-url', 'http://127.0.0.1:6443', '--data-dir', '/data', '--secret-file', '/data/lab-secret'] }], node);
    expect(drift).toEqual([{ service: 'dashboard', problem: 'stale-adaptation', flag: '--control-url' }]);
  });

  it('names agents without a slash', () => {
    expect(serviceName('kubelet-agent/node-1')).toBe('kubelet-agent-node-1');
  });
});

describe('composeDrift', () => {
  const expected: ExpectedService[] = [
    { service: 'scheduler', command: ['node', '/app/s.mjs', '--time-scale', '1'], environment: env },
    { service: 'nats', command: ['nats-server', '-js'], environment: {} },
  ];
  const matching: ComposeConfig['services'] = {
    scheduler: { command: ['node', '/app/s.mjs', '--time-scale', '1'], environment: env },
    nats: { command: ['nats-server', '-js'] },
    kubelab: { entrypoint: ['node', '/app/k.mjs'], command: ['kubeconfig'] },
    join: { entrypoint: ['node', '/app/k.mjs'], command: ['join'], environment: { KUBELAB_NATS_URL: '', KUBELAB_JOIN_TOKEN: '' } },
  };

  it.each<[string, ComposeConfig['services'], ReturnType<typeof composeDrift>]>([
    ['agrees, with the compose-only kubelab one-off and join agent', matching, []],
    ['a command as one string', { ...matching, nats: { command: 'nats-server  -js' } }, []],
    ['entrypoint and command together', { ...matching, nats: { entrypoint: ['nats-server'], command: ['-js'] } }, []],
    ['a missing service', { scheduler: matching.scheduler }, [{ service: 'nats', problem: 'missing' }]],
    ['an extra service', { ...matching, 'kubelet-agent-node-4': { command: ['node'] } }, [{ service: 'kubelet-agent-node-4', problem: 'extra' }]],
    ['a flag components.ts has and compose lacks', { ...matching, scheduler: { command: ['node', '/app/s.mjs'], environment: env } },
      [{ service: 'scheduler', problem: 'command', compose: ['node', '/app/s.mjs'], lab: ['node', '/app/s.mjs', '--time-scale', '1'] }]],
    ['a differing value', { ...matching, scheduler: { command: ['node', '/app/s.mjs', '--time-scale', '10'], environment: env } },
      [{ service: 'scheduler', problem: 'command', compose: ['node', '/app/s.mjs', '--time-scale', '10'], lab: ['node', '/app/s.mjs', '--time-scale', '1'] }]],
    ['an extra variable', { ...matching, scheduler: { ...matching.scheduler, environment: { ...env, DEBUG: '1' } } },
      [{ service: 'scheduler', problem: 'environment', compose: { ...env, DEBUG: '1' }, lab: env }]],
    ['a missing variable', { ...matching, scheduler: { command: matching.scheduler.command } },
      [{ service: 'scheduler', problem: 'environment', compose: {}, lab: env }]],
    ['a variable without a value', { ...matching, scheduler: { ...matching.scheduler, environment: { KUBELAB_LOG_LEVEL: null } } },
      [{ service: 'scheduler', problem: 'environment', compose: { KUBELAB_LOG_LEVEL: '' }, lab: env }]],
  ])('%s', (_, services, drift) => {
    expect(composeDrift({ services }, expected)).toEqual(drift);
  });
});
