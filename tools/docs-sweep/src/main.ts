/**
 * The documentation sweep: `npm run docs-sweep -- [--examples DIR] [--kubelab BIN] [--report FILE] [--wait SECONDS]`.
 * Applies every example manifest of the Kubernetes documentation to a fresh lab with the real kubectl, each file in a
 * namespace of its own, then counts what was accepted and which STATUS the pods reach, by cause. Prints progress on
 * stderr, the summary on stdout, and writes the whole record as JSON. It asserts nothing: it measures.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventList, PodList } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { parseAllDocuments } from 'yaml';
import { type ApplyOutcome, classifyApplyStderr, formatSummary, isSettled, type PodObservation, summarize } from './causes.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Options {
  examples: string;
  kubelab: string;
  report: string;
  waitSeconds: number;
  concurrency: number;
  nodes: number;
  timeScale: number;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
  };
  return {
    examples: value('--examples', join(root, 'tools/docs-sweep/examples')),
    kubelab: value('--kubelab', join(root, 'apps/kubelab/bin/kubelab.mjs')),
    report: value('--report', join(tmpdir(), `docs-sweep-${Date.now()}.json`)),
    waitSeconds: Number(value('--wait', '90')),
    concurrency: Number(value('--concurrency', '4')),
    nodes: Number(value('--nodes', '3')),
    timeScale: Number(value('--time-scale', '10')),
  };
}

const progress = (line: string) => process.stderr.write(`docs-sweep: ${line}\n`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input?: string, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && code !== 0 && !stderr ? error.message : '') });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

/** The namespaces a file's objects name, and those it creates itself. */
function namespacesOf(path: string): { named: string[]; created: string[] } {
  const named = new Set<string>();
  const created = new Set<string>();
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    const object: unknown = doc.toJS();
    if (typeof object !== 'object' || object === null) continue;
    const { kind, metadata } = object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    if (typeof metadata?.namespace === 'string') named.add(metadata.namespace);
    if (kind === 'Namespace' && typeof metadata?.name === 'string') created.add(metadata.name);
  }
  return { named: [...named], created: [...created] };
}

interface Example {
  file: string;
  path: string;
  /** The namespace given with -n, or undefined when the file names its own. */
  namespace?: string;
  /** Where the file's pods land. */
  podNamespaces: string[];
}

function planExamples(dir: string): { examples: Example[]; toCreate: string[] } {
  const toCreate = new Set<string>();
  const examples = yamlFiles(dir).map((path, index): Example => {
    const file = relative(dir, path);
    let spaces: { named: string[]; created: string[] };
    try {
      spaces = namespacesOf(path);
    } catch {
      spaces = { named: [], created: [] };
    }
    if (spaces.named.length) {
      for (const ns of spaces.named) if (!spaces.created.includes(ns) && ns !== 'default' && !ns.startsWith('kube-')) toCreate.add(ns);
      return { file, path, podNamespaces: spaces.named };
    }
    const slug = file.replace(/\.ya?ml$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const namespace = `ds${index}-${slug}`.slice(0, 63).replace(/-+$/, '');
    toCreate.add(namespace);
    return { file, path, namespace, podNamespaces: [namespace] };
  });
  return { examples, toCreate: [...toCreate] };
}

class Lab {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'docs-sweep-lab-'));
  private up = false;
  constructor(private readonly options: Options) {}

  get kubeconfig(): string {
    return join(this.dataDir, 'kubeconfig');
  }

  async start(): Promise<void> {
    const { kubelab, nodes, timeScale } = this.options;
    this.up = true;
    const started = await run(process.execPath, [kubelab, 'up', '--data-dir', this.dataDir, '--api-port', '0', '--dashboard-port', '0', '--nodes', String(nodes), '--time-scale', String(timeScale), '--detach'], undefined, 300_000);
    if (started.code !== 0) throw new Error(`kubelab up failed: ${started.stderr.trim() || started.stdout.trim()}`);
  }

  async stop(): Promise<void> {
    if (!this.up) return;
    this.up = false;
    await run(process.execPath, [this.options.kubelab, 'down', '--data-dir', this.dataDir], undefined, 120_000);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  kubectl(args: string[], input?: string): Promise<Run> {
    return run('/usr/bin/kubectl', ['--kubeconfig', this.kubeconfig, '--request-timeout=60s', ...args], input);
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>, done: (count: number) => void): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(each))));
    done(results.length);
  }
  return results;
}

async function applyOne(lab: Lab, example: Example): Promise<ApplyOutcome> {
  const result = await lab.kubectl(['apply', '-f', example.path, ...(example.namespace ? ['-n', example.namespace] : [])]);
  const objects = result.stdout.split('\n').flatMap((line) => {
    const applied = /^([\w-]+)(?:\.[\w.-]+)?\/(\S+) (?:created|configured|unchanged)/.exec(line);
    return applied ? [`${applied[1]}/${applied[2]}`] : [];
  });
  const errors = result.stderr.split('\n').filter((l) => l.trim() && !/^Warning:/.test(l));
  return { file: example.file, accepted: result.code === 0, objects, causes: result.code === 0 ? [] : classifyApplyStderr(result.stderr), errors };
}

/**
 * Files in namespaces of their own go in parallel batches; files that name a namespace go one at a time after them, as a
 * reader would apply them: two files creating the same object side by side would race to AlreadyExists, which no page shows.
 */
async function applyAll(lab: Lab, examples: readonly Example[], concurrency: number): Promise<ApplyOutcome[]> {
  const own = examples.filter((e) => e.namespace);
  const shared = examples.filter((e) => !e.namespace);
  const report = (count: number) => {
    if (count % 40 < concurrency || count === examples.length) progress(`applied ${count}/${examples.length}`);
  };
  const first = await inBatches(own, concurrency, (example) => applyOne(lab, example), report);
  const then = await inBatches(shared, 1, (example) => applyOne(lab, example), (count) => report(first.length + count));
  const byFile = new Map([...first, ...then].map((outcome) => [outcome.file, outcome]));
  return examples.map((example) => byFile.get(example.file)!);
}

interface PodRow {
  namespace: string;
  name: string;
  ready: string;
  status: string;
}

async function podRows(lab: Lab, namespaces: ReadonlySet<string>): Promise<PodRow[]> {
  const listed = await lab.kubectl(['get', 'pods', '-A', '--no-headers']);
  return listed.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 4 && namespaces.has(cols[0]!))
    .map(([namespace, name, ready, status]) => ({ namespace: namespace!, name: name!, ready: ready!, status: status! }));
}

async function waitForPods(lab: Lab, namespaces: ReadonlySet<string>, waitSeconds: number): Promise<PodRow[]> {
  const start = Date.now();
  const deadline = start + waitSeconds * 1000;
  let rows: PodRow[] = [];
  for (;;) {
    rows = await podRows(lab, namespaces);
    const unsettled = rows.filter((r) => !isSettled(r)).length;
    const elapsed = Math.round((Date.now() - start) / 1000);
    progress(`${elapsed}s: ${rows.length} pods, ${unsettled} still changing`);
    if ((unsettled === 0 && elapsed >= 20) || Date.now() >= deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

interface Owned {
  kind: string;
  metadata: ObjectMeta;
}

/** `kind/name` of the object a user applied that made this pod: its controller, or the controller's own (Deployment, CronJob). */
function topOwner(pod: Owned, owners: ReadonlyMap<string, Owned>): string {
  const controllerOf = (object: Owned) => object.metadata.ownerReferences?.find((ref) => ref.controller);
  const ref = controllerOf(pod);
  if (!ref) return `pod/${pod.metadata.name}`;
  const owner = owners.get(`${pod.metadata.namespace}/${ref.kind}/${ref.name}`);
  const parent = owner && controllerOf(owner);
  const top = parent ?? ref;
  return `${top.kind.toLowerCase()}/${top.name}`;
}

/**
 * Which example file made each pod: the file of its namespace, or, in a namespace several files name (default,
 * kube-system, …), the last file that applied the pod's top owner. Pods no example made (the lab's own) are left out.
 */
function fileOfPod(pod: Owned, examples: readonly Example[], outcomes: ReadonlyMap<string, ApplyOutcome>, owners: ReadonlyMap<string, Owned>): string | undefined {
  const namespace = pod.metadata.namespace ?? '';
  const own = examples.find((e) => e.namespace === namespace);
  if (own) return own.file;
  const owner = topOwner(pod, owners);
  return examples.filter((e) => e.podNamespaces.includes(namespace) && outcomes.get(e.file)?.objects.includes(owner)).at(-1)?.file;
}

async function observePods(lab: Lab, rows: readonly PodRow[], examples: readonly Example[], applies: readonly ApplyOutcome[]): Promise<PodObservation[]> {
  const pods = JSON.parse((await lab.kubectl(['get', 'pods', '-A', '-o', 'json'])).stdout || '{"items":[]}') as PodList;
  const controllers = JSON.parse((await lab.kubectl(['get', 'replicasets,jobs', '-A', '-o', 'json'])).stdout || '{"items":[]}') as { items: Owned[] };
  const owners = new Map(controllers.items.map((c) => [`${c.metadata.namespace}/${c.kind}/${c.metadata.name}`, c]));
  const outcomes = new Map(applies.map((a) => [a.file, a]));
  const events = JSON.parse((await lab.kubectl(['get', 'events', '-A', '--field-selector', 'type=Warning', '-o', 'json'])).stdout || '{"items":[]}') as EventList;
  const lastWarning = new Map<string, string>();
  const when = (e: EventList['items'][number]) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
  for (const event of [...events.items].sort((a, b) => when(a).localeCompare(when(b)))) {
    if (event.involvedObject.kind === 'Pod') lastWarning.set(`${event.involvedObject.namespace}/${event.involvedObject.name}`, `${event.reason}: ${event.message}`);
  }
  const byKey = new Map(pods.items.map((p) => [`${p.metadata?.namespace}/${p.metadata?.name}`, p]));
  return rows.flatMap((row) => {
    const pod = byKey.get(`${row.namespace}/${row.name}`);
    const file = pod && fileOfPod({ kind: 'Pod', metadata: pod.metadata ?? {} }, examples, outcomes, owners);
    if (!file) return [];
    const scheduled = pod?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const statuses = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])];
    return [{
      file,
      ...row,
      ...(scheduled?.status === 'False' && scheduled.message ? { schedulingMessage: scheduled.message } : {}),
      waiting: statuses.flatMap((s) => (s.state?.waiting?.reason ? [{ reason: s.state.waiting.reason, image: s.image, ...(s.state.waiting.message ? { message: s.state.waiting.message } : {}) }] : [])),
      ...(lastWarning.has(`${row.namespace}/${row.name}`) ? { lastWarning: lastWarning.get(`${row.namespace}/${row.name}`)! } : {}),
    }];
  });
}

async function sweep(options: Options, lab: Lab): Promise<void> {
  const { examples, toCreate } = planExamples(options.examples);
  progress(`${examples.length} example files under ${options.examples}; starting a lab (${options.nodes} nodes, time scale ${options.timeScale}) with ${options.kubelab}`);
  await lab.start();
  progress(`lab up (${lab.dataDir}); creating ${toCreate.length} namespaces`);
  const namespaceList = { apiVersion: 'v1', kind: 'List', items: toCreate.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })) };
  const created = await lab.kubectl(['apply', '-f', '-'], JSON.stringify(namespaceList));
  if (created.code !== 0) throw new Error(`could not create the namespaces: ${created.stderr.trim()}`);
  const applies = await applyAll(lab, examples, options.concurrency);
  const rows = await waitForPods(lab, new Set(examples.flatMap((e) => e.podNamespaces)), options.waitSeconds);
  const pods = await observePods(lab, rows, examples, applies);
  const summary = summarize(applies, pods);
  process.stdout.write(`${formatSummary(summary).join('\n')}\n`);
  writeFileSync(options.report, `${JSON.stringify({ kubelab: options.kubelab, examples: options.examples, summary, applies, pods }, null, 2)}\n`);
  progress(`report: ${options.report}`);
}

const options = parseOptions(process.argv.slice(2));
const lab = new Lab(options);
const interrupted = (signal: NodeJS.Signals) => {
  progress(`${signal}: stopping the lab`);
  void lab.stop().finally(() => process.exit(130));
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);
sweep(options, lab).then(
  () => lab.stop().then(() => process.exit(0)),
  (e: Error) => {
    progress(`failed: ${e.message}`);
    void lab.stop().finally(() => process.exit(1));
  },
);
