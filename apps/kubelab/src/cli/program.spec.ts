import { describe, expect, it } from 'vitest';
import { kubelabProgram, type Commands } from './program.js';

/** The command and arguments commander gives the work for `argv` (commander's own Command left out). */
async function parsed(argv: string[]): Promise<{ command: string; args: unknown[] }> {
  let seen: { command: string; args: unknown[] } | undefined;
  const commands = new Proxy({}, {
    get: (_, command: string) => async (...args: unknown[]) => {
      seen = { command, args: args.filter((a) => typeof a !== 'object' || a === null || !('parent' in a)) };
      return 0;
    },
  }) as Commands;
  await kubelabProgram(commands).parseAsync(argv, { from: 'user' });
  return seen!;
}

describe('the join commands\' command line', () => {
  it.each<[string, string[], { command: string; args: unknown[] }]>([
    ['join-command with its defaults', ['join-command'], { command: 'joinCommand', args: [{}] }],
    ['join-command with every option', ['join-command', '--nodes', '2', '--node-prefix', 'edge', '--advertise', '10.0.0.5', '--data-dir', '/tmp/lab'],
      { command: 'joinCommand', args: [{ nodes: '2', nodePrefix: 'edge', advertise: '10.0.0.5', dataDir: '/tmp/lab' }] }],
    ['join with a token', ['join', '--nats-url', 'nats://10.0.0.5:4222,nats://10.0.0.5:4223', '--token', 'eyJ2IjoxfQ'],
      { command: 'join', args: [{ natsUrl: 'nats://10.0.0.5:4222,nats://10.0.0.5:4223', token: 'eyJ2IjoxfQ' }] }],
    ['join with a token file', ['join', '--nats-url', 'nats://h:4222', '--token-file', 'token.txt'], { command: 'join', args: [{ natsUrl: 'nats://h:4222', tokenFile: 'token.txt' }] }],
    ['join with the environment\'s settings', ['join'], { command: 'join', args: [{}] }],
    ['up with NATS open to other hosts', ['up', '--nats-listen', '0.0.0.0'], { command: 'up', args: [{ natsListen: '0.0.0.0', controlPlane: true }, ['--nats-listen', '0.0.0.0']] }],
    ['up with workers only', ['up', '--no-control-plane'], { command: 'up', args: [{ controlPlane: false }, ['--no-control-plane']] }],
  ])('%s', async (_, argv, expected) => {
    expect(await parsed(argv)).toEqual(expected);
  });

  it.each([[['join-command', '--nodes']], [['join', '--token']], [['join', '--data-dir', '/tmp/lab']]])('refuses %j', async (argv) => {
    await expect(parsed(argv)).rejects.toThrow();
  });
});

describe('the node commands\' command line', () => {
  it.each<[string, string[], { command: string; args: unknown[] }]>([
    ['node add, as the compose lab\'s nats-users service runs it', ['node', 'add', 'controlplane', 'node-1', '--data-dir', '/data'],
      { command: 'nodeAdd', args: [['controlplane', 'node-1'], { dataDir: '/data' }] }],
    ['node mark-control-plane of the running lab', ['node', 'mark-control-plane'], { command: 'nodeMarkControlPlane', args: [{}] }],
    ['node mark-control-plane of the lab a kubeconfig names, as the compose lab runs it', ['node', 'mark-control-plane', '--kubeconfig', '/tmp/kubeconfig'],
      { command: 'nodeMarkControlPlane', args: [{ kubeconfig: '/tmp/kubeconfig' }] }],
  ])('%s', async (_, argv, expected) => {
    expect(await parsed(argv)).toEqual(expected);
  });
});
