/**
 * Nodes that join from another host: a lab whose NATS listens on every address, `kubelab
 * join-command --nodes 2` on its host, and the printed line run as another host would, from a
 * fresh folder with a fresh HOME and TMPDIR (nothing of the lab's data dir). Both nodes turn Ready
 * in kubectl and run a pod pinned to one of them; the token's credentials cannot act for the lab's
 * own node (NATS refuses the subject); a token the lab's NATS does not know is refused in words;
 * Ctrl-C stops the join and its agent and leaves its folder empty, and `kubelab down` then leaves
 * no process of the lab.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '@kubelab/bus';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { nkeys } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJoinToken, encodeJoinToken, joinNodeNames } from '../src/join-token.js';
import { alive } from '../src/lab-state.js';

const kubelabBin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

describe('nodes that join the lab from another host', () => {
  let lab: TestLab;
  let line: string;
  let nodes: string[];
  /** The other host: a folder that is its cwd, HOME and TMPDIR. */
  let elsewhere: string;
  let joined: ChildProcess;
  let output = '';

  /** kubelab run as the other host runs it: from its own folder, with its own HOME and temporary folder. */
  const kubelabElsewhere = (args: string[]) => spawn(process.execPath, [kubelabBin, ...args], {
    cwd: elsewhere, env: { ...process.env, HOME: elsewhere, TMPDIR: elsewhere }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = async () => {
    const run = await lab.kubectl(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
    return run.stdout.trim().split('\n');
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 1, timeScale: 20, components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'], upArgs: ['--nats-listen', '0.0.0.0'] });
    elsewhere = tempDir('elsewhere');
  });
  afterAll(() => {
    if (joined?.exitCode === null) joined.kill('SIGKILL');
    lab?.stop();
  });

  it('join-command prints one line to copy, naming NATS at an address other hosts reach and no path of this host', () => {
    const printed = lab.kubelab(['join-command', '--nodes', '2']);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout.split('\n')).toHaveLength(2);
    line = printed.stdout.trim();
    expect(line).toMatch(/^npx kubelab join --nats-url nats:\/\/\S+ --token [A-Za-z0-9_-]+$/);
    // This host's address, as other hosts reach it; loopback only where the host has no other, which the command then says.
    const address = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address;
    if (address) expect(line).toContain(` --nats-url nats://${address}:`);
    else expect(printed.stderr).toContain('works on this host alone');
    nodes = joinNodeNames(decodeJoinToken(line.split(' ').at(-1)!));
    expect(nodes).toEqual([expect.stringMatching(/^worker-[a-z0-9]{5}-1$/), expect.stringMatching(/^worker-[a-z0-9]{5}-2$/)]);
    expect(printed.stderr).toContain(`kubelab: ${nodes.join(', ')} may join the lab`);
    expect(Buffer.from(line.split(' ').at(-1)!, 'base64url').toString()).not.toContain(lab.dataDir);
  });

  it('the printed command, run from another folder and HOME, brings both nodes Ready', async () => {
    joined = kubelabElsewhere(line.split(' ').slice(2));
    joined.stdout!.on('data', (d: Buffer) => (output += d));
    joined.stderr!.on('data', (d: Buffer) => (output += d));
    await waitFor(async () => {
      const seen = await ready();
      return nodes.every((n) => seen.includes(`${n}=True`));
    }, 'both joined nodes Ready in kubectl get nodes', 60_000, 250);
    await waitFor(() => output.includes('all 2 nodes have joined the lab'), 'the join to say so', 10_000, 100);
    for (const n of nodes) expect(output).toContain(`kubelab: node ${n} is Ready`);
  });

  it('runs a pod pinned to a joined node', async () => {
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-joined' },
      spec: { nodeSelector: { 'kubernetes.io/hostname': nodes[1] }, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
    };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).stderr).toBe('');
    await waitFor(async () => (await lab.kubectl(['get', 'pod', 'on-joined', '-o', 'jsonpath={.status.phase}/{.spec.nodeName}'])).stdout === `Running/${nodes[1]}`, 'the pod Running on the joined node', 30_000, 200);
  });

  it('its credentials act for its own nodes only: NATS refuses them the subject of the lab\'s node-1', async () => {
    const seedFile = join(tempDir('stolen'), 'seed.nk');
    writeFileSync(seedFile, decodeJoinToken(line.split(' ').at(-1)!).seed, { mode: 0o600 });
    const client = await ApiClient.connect(lab.state().natsUrl, 'kubelet-agent', { kind: 'kubelet', nodes }, seedFile, 3_000);
    try {
      expect((await client.get({ group: '', version: 'v1', plural: 'nodes' }, '', nodes[0])).metadata.name).toBe(nodes[0]);
      await expect(client.forNode('node-1').get({ group: '', version: 'v1', plural: 'nodes' }, '', 'node-1')).rejects.toThrow();
    } finally {
      await client.close();
    }
    const natsLog = join(lab.dataDir, 'logs', 'nats.log');
    await waitFor(() => /Publish Violation - Nkey "U[A-Z2-7]+", Subject "kubelab\.api\.request\.node\.node-1"/.test(readFileSync(natsLog, 'utf8')), 'the violation in nats.log', 10_000, 100);
  });

  it('refuses, in words, a token the lab\'s NATS does not know', async () => {
    const grant = { ...decodeJoinToken(line.split(' ').at(-1)!), seed: new TextDecoder().decode(nkeys.createUser().getSeed()) };
    const stranger = kubelabElsewhere(['join', '--nats-url', line.split(' ')[4], '--token', encodeJoinToken(grant)]);
    let said = '';
    stranger.stderr!.on('data', (d: Buffer) => (said += d));
    const code = await new Promise((done) => stranger.once('exit', done));
    expect(code).toBe(1);
    expect(said).toMatch(/^kubelab: the lab's NATS at nats:\/\/\S+ does not know this join token: it was made for another lab, or the lab's data dir was made anew since; print a new one with kubelab join-command on the lab's host\n$/);
  });

  it('Ctrl-C stops the join and its agent, and leaves its folder empty; kubelab down then leaves no process of the lab', async () => {
    const agentPid = Number(/\(pid (\d+)\)/.exec(output)?.[1]);
    expect(alive(agentPid)).toBe(true);
    const exited = new Promise((done) => joined.once('exit', done));
    joined.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(alive(agentPid)).toBe(false);
    expect(output).toContain('kubelab: stopped');
    expect(readdirSync(elsewhere)).toEqual([]);
    const labPids = [lab.state().processes.map((p) => p.pid), JSON.parse(readFileSync(join(lab.dataDir, 'lab.json'), 'utf8')).supervisorPid as number].flat();
    lab.stop();
    await waitFor(() => labPids.every((pid) => !alive(pid)), 'every process of the lab gone', 10_000, 100);
  });
});
