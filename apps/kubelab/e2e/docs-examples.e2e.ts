/**
 * The Kubernetes documentation's examples reach the state the documentation shows: a
 * representative set (fixtures/docs-examples/index.yaml, at least one per documentation
 * folder) is applied to a lab with the real kubectl, each in a namespace of its own, and
 * every pod's STATUS (the server's Table column, what `kubectl get pods` prints) must
 * reach the documented one before one shared deadline.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

interface Example {
  file: string;
  before?: string[];
  setup?: { kind: 'secret' | 'configmap'; name: string; data: Record<string, string> }[];
  status: string | string[];
  pods?: number;
}

/** What the suite last saw of an example's pods, and whether they all showed the documented STATUS. */
interface Observation {
  reached: boolean;
  seen: string;
}

const timeScale = 10;
const deadlineMs = 120_000;
const fixtures = fileURLToPath(new URL('./fixtures/docs-examples/', import.meta.url));
const examples = (parse(readFileSync(join(fixtures, 'index.yaml'), 'utf8')) as { examples: Example[] }).examples;
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** The example's own objects: the namespace a file names, and the names of its bare Pods. */
function objectsOf(file: string): { namespace?: string; podNames: string[] } {
  const docs = parseAllDocuments(readFileSync(join(fixtures, file), 'utf8')).map((d) => d.toJS() as any).filter(Boolean);
  return { namespace: docs.find((d) => d.metadata?.namespace)?.metadata.namespace, podNames: docs.filter((d) => d.kind === 'Pod').map((d) => d.metadata.name) };
}

const namespaceFor = (index: number, file: string) => `docs-${index}-${basename(file, '.yaml')}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63).replace(/-+$/, '');

describe('the documentation examples (2 nodes, time scale 10)', () => {
  let lab: TestLab;
  const observed = new Map<string, Observation>();

  const kubectlOk = async (args: string[], stdin?: string) => {
    const r = await lab.kubectl(args, { stdin });
    if (r.code !== 0 && !r.stderr.includes('AlreadyExists')) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  };

  /** name → STATUS of the pods in a namespace, as the api-server's Table prints them. */
  const podStatuses = async (namespace: string): Promise<Map<string, string>> => {
    const response = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${namespace}/pods`, { headers: { Accept: tableAccept } });
    const table = (await response.json()) as { columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { metadata: { name: string } } }[] };
    const column = table.columnDefinitions.findIndex((c) => c.name === 'Status');
    return new Map(table.rows.map((r) => [r.object.metadata.name, String(r.cells[column])]));
  };

  /**
   * Why an example's pods are not where the documentation shows them: each container's
   * waiting message (a pull's "not found"), or its exit code and last lines of output
   * (a missing utility's "not found"), so a failure names its cause.
   */
  const explain = async (namespace: string, podNames: string[]): Promise<string> => {
    const list = (await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${namespace}/pods`)).json()) as { items: any[] };
    const pods = list.items.filter((p) => podNames.length === 0 || podNames.includes(p.metadata.name)).slice(0, 1);
    const reasons: string[] = [];
    for (const pod of pods) {
      for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        const waiting = c.state?.waiting;
        const ended = c.state?.terminated ?? c.lastState?.terminated;
        if (waiting?.message && waiting.reason !== 'CrashLoopBackOff') reasons.push(`${c.name}: ${waiting.message}`);
        else if (ended && ended.exitCode !== 0) {
          const logs = (await lab.kubectl(['logs', '-n', namespace, pod.metadata.name, '-c', c.name, `--previous=${!c.state?.terminated}`, '--tail', '2'])).stdout.trim();
          reasons.push(`${c.name}: exit ${ended.exitCode}${logs ? ` (${logs.replaceAll('\n', ' | ')})` : ''}`);
        }
      }
    }
    return reasons.join('; ');
  };

  const apply = async (index: number, example: Example) => {
    const { namespace = namespaceFor(index, example.file) } = objectsOf(example.file);
    await kubectlOk(['create', 'namespace', namespace]);
    for (const s of example.setup ?? []) {
      const literals = Object.entries(s.data).map(([k, v]) => `--from-literal=${k}=${v}`);
      await kubectlOk(['create', '-n', namespace, s.kind, ...(s.kind === 'secret' ? ['generic'] : []), s.name, ...literals]);
    }
    for (const file of [...(example.before ?? []), example.file]) await kubectlOk(['apply', '-n', namespace, '-f', join(fixtures, file)]);
    return namespace;
  };

  beforeAll(async () => {
    // A lab of its own: ~70 pods at time scale 10 under one wall-clock deadline, some in namespaces the documentation's files name (default, mem-example).
    lab = await startLab({ nodes: 2, timeScale });
    const namespaces = new Map<Example, string>();
    for (const [index, example] of examples.entries()) namespaces.set(example, await apply(index, example));
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline && [...observed.values()].filter((o) => o.reached).length < examples.length) {
      for (const example of examples) {
        if (observed.get(example.file)?.reached) continue;
        const statuses = await podStatuses(namespaces.get(example)!);
        const { podNames } = objectsOf(example.file);
        const mine = podNames.length ? podNames.map((name) => statuses.get(name) ?? '(none)') : [...statuses.values()];
        const wanted = [example.status].flat();
        const reached = mine.length === (example.pods ?? 1) && mine.every((s) => wanted.includes(s));
        observed.set(example.file, { reached, seen: mine.join(', ') || '(no pods)' });
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const example of examples) {
      const o = observed.get(example.file);
      if (o && !o.reached) o.seen += ` — ${await explain(namespaces.get(example)!, objectsOf(example.file).podNames)}`;
    }
  }, deadlineMs + 60_000);

  afterAll(() => lab?.stop());

  it.each(examples.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    const wanted = [example.status].flat().join(' or ');
    const o = observed.get(example.file);
    expect(o?.reached, `wanted ${example.pods ?? 1} pod(s) ${wanted}, saw: ${o?.seen}`).toBe(true);
  });
});
