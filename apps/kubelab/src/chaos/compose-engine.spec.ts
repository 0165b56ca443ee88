import { describe, expect, it } from 'vitest';
import { composeDrill, composePlan, findContainer, parseInspect, type ComposeContainer, type EngineRun } from './compose-engine.js';
import { ChaosRefusal, type ChaosRequest } from './chaos-requests.js';

const container = (over: Partial<ComposeContainer> = {}): ComposeContainer => ({
  id: 'abc123', name: 'deploy_kubelet-agent-node-1_1', project: 'deploy', service: 'kubelet-agent-node-1', state: 'running', networks: ['deploy_default'], ...over,
});

/** `<engine> inspect` output as docker and podman print it (docker's Name has a leading slash). */
const inspect = (c: ComposeContainer, slash = false) => ({
  Id: c.id, Name: `${slash ? '/' : ''}${c.name}`, State: { Status: c.state },
  Config: { Labels: { 'com.docker.compose.project': c.project, 'com.docker.compose.service': c.service } },
  NetworkSettings: { Networks: Object.fromEntries(c.networks.map((n) => [n, {}])) },
});

/** An engine CLI that answers ps and inspect from a list of containers and records what else it is asked. */
function fakeEngine(containers: ComposeContainer[], failing?: string): EngineRun & { acted: string[][] } {
  const acted: string[][] = [];
  const run = async (args: string[]) => {
    if (args[0] === 'ps') {
      const labels = args.filter((a) => a.startsWith('label=')).map((a) => a.slice('label='.length));
      const match = containers.filter((c) => labels.every((l) => l === 'com.docker.compose.service' || l === `com.docker.compose.service=${c.service}` || l === `com.docker.compose.project=${c.project}`));
      const format = args.includes('--format');
      return { code: 0, stdout: match.map((c) => (format ? `${c.project}/${c.service}` : c.id)).join('\n'), stderr: '' };
    }
    if (args[0] === 'inspect') return { code: 0, stdout: JSON.stringify(containers.filter((c) => args.includes(c.id)).map((c) => inspect(c, true))), stderr: '' };
    acted.push(args);
    return args[0] === failing ? { code: 125, stdout: '', stderr: 'Error: no such network' } : { code: 0, stdout: '', stderr: '' };
  };
  return Object.assign(run, { acted });
}

const refusal = (f: () => unknown): { message: string; code: number } => {
  try {
    f();
  } catch (e) {
    if (e instanceof ChaosRefusal) return { message: e.message, code: e.code };
    throw e;
  }
  throw new Error('no refusal');
};

describe('parseInspect', () => {
  it("reads docker's and podman's inspect output alike", () => {
    const c = container({ state: 'paused', networks: [] });
    expect(parseInspect(JSON.stringify([inspect(c, true)]))).toEqual([c]);
    expect(parseInspect(JSON.stringify([inspect(c)]))).toEqual([c]);
  });
});

describe('composePlan', () => {
  it.each<[ChaosRequest, Partial<ComposeContainer>, string[]]>([
    [{ action: 'kill-agent', node: 'node-1', signal: 'KILL' }, {}, ['kill', '--signal', 'KILL', 'abc123']],
    [{ action: 'kill-agent', node: 'node-1', signal: 'TERM' }, {}, ['kill', '--signal', 'TERM', 'abc123']],
    [{ action: 'pause-agent', node: 'node-1' }, {}, ['pause', 'abc123']],
    [{ action: 'resume-agent', node: 'node-1' }, { state: 'paused' }, ['unpause', 'abc123']],
    [{ action: 'start-agent', node: 'node-1' }, { state: 'exited' }, ['start', 'abc123']],
    [{ action: 'partition', node: 'node-1' }, {}, ['network', 'disconnect', 'deploy_default', 'abc123']],
    [{ action: 'heal', node: 'node-1' }, { networks: [] }, ['network', 'connect', '--alias', 'kubelet-agent-node-1', 'deploy_default', 'abc123']],
    [{ action: 'kill', service: 'nats', signal: 'KILL' }, { service: 'nats', name: 'deploy_nats_1' }, ['kill', '--signal', 'KILL', 'abc123']],
    [{ action: 'start', service: 'api-server' }, { service: 'api-server', state: 'created' }, ['start', 'abc123']],
  ])('%o on a %o container runs %o', (req, over, command) => {
    expect(composePlan(req as Extract<ChaosRequest, { node: string } | { service: string }>, container(over)).commands).toEqual([command]);
  });

  it('says what it did in words the event log keeps', () => {
    expect(composePlan({ action: 'kill-agent', node: 'node-1', signal: 'KILL' }, container()).message)
      .toBe('kill -KILL kubelet-agent/node-1 (container deploy_kubelet-agent-node-1_1)');
    expect(composePlan({ action: 'partition', node: 'node-1', forSeconds: 30 }, container()).message).toContain('(heals after 30s)');
  });

  it.each<[ChaosRequest, Partial<ComposeContainer>, string]>([
    [{ action: 'kill-agent', node: 'node-1', signal: 'KILL' }, { state: 'exited' }, 'container deploy_kubelet-agent-node-1_1 is exited; start it with: kubelab chaos start-agent node-1 --engine compose'],
    [{ action: 'kill-agent', node: 'node-1', signal: 'KILL' }, { state: 'paused' }, 'resume it first with: kubelab chaos resume-agent node-1 --engine compose'],
    [{ action: 'pause-agent', node: 'node-1' }, { state: 'paused' }, 'resume it with: kubelab chaos resume-agent node-1 --engine compose'],
    [{ action: 'resume-agent', node: 'node-1' }, {}, 'only a paused agent can be resumed'],
    [{ action: 'start-agent', node: 'node-1' }, {}, 'it is already running'],
    [{ action: 'partition', node: 'node-1' }, { networks: [] }, 'node-1 is already partitioned; heal it with: kubelab chaos heal node-1 --engine compose'],
    [{ action: 'heal', node: 'node-1' }, {}, 'node-1 is not partitioned'],
    [{ action: 'start', service: 'scheduler' }, { service: 'scheduler' }, 'it is already running'],
  ])('refuses %o on a %o container with 409: %s', (req, over, message) => {
    const r = refusal(() => composePlan(req as Extract<ChaosRequest, { node: string } | { service: string }>, container(over)));
    expect(r.code).toBe(409);
    expect(r.message).toContain(message);
  });
});

describe('findContainer', () => {
  it("finds the service's container, in the named project when one is given", async () => {
    const a = container();
    const b = container({ id: 'def456', project: 'other', name: 'other_kubelet-agent-node-1_1' });
    expect(await findContainer(fakeEngine([a, b]), 'podman', 'kubelet-agent-node-1', 'other')).toEqual(b);
    expect(await findContainer(fakeEngine([a]), 'podman', 'kubelet-agent-node-1', undefined)).toEqual(a);
  });

  it('refuses when the service runs in several projects and none is named', async () => {
    const run = fakeEngine([container(), container({ id: 'def456', project: 'other' })]);
    await expect(findContainer(run, 'podman', 'kubelet-agent-node-1', undefined)).rejects.toThrow('runs in several compose projects (deploy, other): name one with COMPOSE_PROJECT_NAME');
  });

  it('names the services there are when the one asked for is not there', async () => {
    const run = fakeEngine([container(), container({ id: 'n', service: 'nats' })]);
    await expect(findContainer(run, 'docker', 'kubelet-agent-node-9', undefined)).rejects.toThrow('no container of service kubelet-agent-node-9 (docker); there are: deploy/kubelet-agent-node-1, deploy/nats');
    await expect(findContainer(fakeEngine([]), 'docker', 'nats', 'lab')).rejects.toThrow('no container of service nats in compose project lab (docker); is the compose lab up?');
  });
});

describe('composeDrill', () => {
  const recorder = () => {
    const recorded: string[] = [];
    const record = async (target: { kind: string; name: string }, action: string, message: string) => {
      recorded.push(`${target.kind}/${target.name} ${action}: ${message}`);
      return message;
    };
    return { recorded, record };
  };

  it('records the drill before it acts', async () => {
    const run = fakeEngine([container()]);
    const { recorded, record } = recorder();
    const order: string[] = [];
    const message = await composeDrill(async (args) => (order.push(`${args[0]} (recorded ${recorded.length})`), run(args)), 'podman', undefined,
      { action: 'kill-agent', node: 'node-1', signal: 'KILL' }, record);
    expect(message).toBe('kill -KILL kubelet-agent/node-1 (container deploy_kubelet-agent-node-1_1)');
    expect(recorded).toEqual(['Node/node-1 kill-agent: kill -KILL kubelet-agent/node-1 (container deploy_kubelet-agent-node-1_1)']);
    expect(order).toEqual(['ps (recorded 0)', 'inspect (recorded 0)', 'kill (recorded 1)']);
  });

  it('records a start of the api-server once it has been started (it is the one that records)', async () => {
    const run = fakeEngine([container({ service: 'api-server', name: 'deploy_api-server_1', state: 'exited' })]);
    const { recorded, record } = recorder();
    await composeDrill(async (args) => (args[0] === 'start' && expect(recorded).toEqual([]), run(args)), 'podman', undefined, { action: 'start', service: 'api-server' }, record);
    expect(recorded).toEqual(['Component/api-server start: start api-server (container deploy_api-server_1)']);
  });

  it("refuses pod drills, which go to the agent over NATS, and says when the engine's command fails", async () => {
    const { record } = recorder();
    await expect(composeDrill(fakeEngine([]), 'podman', undefined, { action: 'crash', namespace: 'default', pod: 'web', chaos: { action: 'crash' } }, record))
      .rejects.toThrow('crash goes to the pod\'s agent over NATS');
    await expect(composeDrill(fakeEngine([container()], 'network'), 'podman', undefined, { action: 'partition', node: 'node-1' }, record))
      .rejects.toThrow('podman network disconnect deploy_default failed: Error: no such network');
  });
});
