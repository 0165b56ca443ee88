/**
 * The scenario in progress as a page shows it: its title, goal and namespace, each
 * check with its message and whether it holds, and its hints one by one. It reads the
 * progress file and the scenario as `kubelab learn status` does and runs the same
 * checks on the same observation (the namespace's live objects and its log since the
 * start), through the caller's fetch, which trusts the lab CA. During a practice exam it shows the exam's clock and
 * tasks instead, and no check.
 */
import { resourceTypes, resourceTypesOfCrds, typeNamed, type KubeObject, type ResourceType } from '@kubelab/api';
import { eventOf, type LogEntry } from '@kubelab/event-log';
import { runChecks, type CheckResult, type Observed } from './checks.js';
import { readExam, timeLeft } from './exam.js';
import { readProgress, type Progress } from './progress.js';
import { readScenario, scenarioNames, type ExamSet, type Lang, type Scenario } from './scenario.js';

/** Where the scenarios are, and the lab's data dir (its learn.json). */
export interface LearnFiles {
  scenariosDir: string;
  dataDir: string;
}

/** The files, the lab's API, and how many lab seconds pass per real second (stableFor checks count lab time). */
export interface LearnSource extends LearnFiles {
  apiUrl: string;
  timeScale: number;
}

/** The part of fetch this module uses, so any fetch that trusts the lab CA will do. */
export type LabFetch = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

export type LearnStatus =
  | { scenario: null }
  /** A practice exam under way: its clock and its tasks, never their checks (finish reveals those). `left` is null once the time is up. */
  | { scenario: null; exam: { title: string; left: string | null; tasks: { namespace: string; title: string }[] } }
  | { scenario: string; title: string; goal: string; namespace: string; checks: CheckResult[]; passed: boolean; hints: number };

const examTitles: Record<Lang, Record<ExamSet, string>> = { en: { cka: 'CKA practice exam', ckad: 'CKAD practice exam' }, ko: { cka: 'CKA 모의 시험', ckad: 'CKAD 모의 시험' } };

/** The api-server answered with an error; the message is its Status message. */
export class LabReadError extends Error {}

async function read(fetch: LabFetch, url: string, what: string) {
  const res = await fetch(url);
  if (res.ok) return res;
  const status = (await res.json().catch(() => ({}))) as { message?: string };
  throw new LabReadError(`${what}: ${status.message ?? `the api-server answered ${res.status}`}`);
}

/** The current scenario (the one `kubelab learn start` began last), when its folder still exists; none otherwise. */
function current(source: LearnFiles): { scenario: Scenario; entry: Progress['scenarios'][string] } | undefined {
  const progress = readProgress(source);
  const entry = progress.current ? progress.scenarios[progress.current] : undefined;
  if (!progress.current || !entry || !scenarioNames(source.scenariosDir).includes(progress.current)) return undefined;
  return { scenario: readScenario(source.scenariosDir, progress.current), entry };
}

/** What the checks of a scenario read: the namespace's objects now and its log since the scenario started. */
export async function observeScenario(source: { apiUrl: string; timeScale: number }, s: Scenario, entry: Progress['scenarios'][string], fetch: LabFetch): Promise<Observed> {
  // The live objects of the kinds the checks select, through the list API: cheap, where a replay of the log grows with it.
  const kinds = [...selectedKinds(s)];
  const types = kinds.every((kind) => typeNamed(kind)) ? resourceTypes : await servedTypes(source.apiUrl, fetch);
  const lists = await Promise.all(kinds.map(async (kind) => {
    const list = (await (await read(fetch, `${source.apiUrl}${listPath(kind, s.namespace, types)}`, `listing ${kind}`)).json()) as { items: KubeObject[] };
    return list.items.map((o) => ({ ...o, kind }));
  }));
  // The namespace's entries, and the nodes' with their Events (in default): a scenario may take a node away.
  const entries = async (params: Record<string, string>) => {
    const query = new URLSearchParams({ ...params, since: String(entry.startSeq) });
    return (await (await read(fetch, `${source.apiUrl}/kubelab/v1/events?${query}`, 'reading the event log')).text())
      .split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
  };
  const nodeEvents = (await entries({ kind: 'Event', namespace: 'default' })).filter((e) => eventOf(e).involvedObject?.kind === 'Node');
  const log = [...await entries({ namespace: s.namespace }), ...await entries({ kind: 'Node' }), ...nodeEvents].sort((a, b) => a.seq - b.seq);
  return { objects: lists.flat(), log, started: { uids: entry.uids, objects: entry.objects }, now: Date.now(), timeScale: source.timeScale };
}

/** The kinds a scenario's checks select, and Nodes (a scenario may take one away). */
const selectedKinds = (s: Scenario) => new Set(['Node', ...[...s.ready, ...s.checks].flatMap((c) => ('select' in c ? [c.select.kind] : []))]);

/** The list path of a kind: in the namespace when it is namespaced. */
/** The types the lab's api-server serves: the built-in ones, and its CRDs' (the Gateway API's among them, out of the box). */
export async function servedTypes(apiUrl: string, fetch: LabFetch): Promise<readonly ResourceType[]> {
  const crds = (await (await read(fetch, `${apiUrl}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, 'listing CustomResourceDefinitions')).json()) as { items: KubeObject[] };
  return [...resourceTypes, ...resourceTypesOfCrds(crds.items)];
}

function listPath(kind: string, namespace: string, types: readonly ResourceType[]): string {
  const t = types.find((x) => x.kind === kind);
  if (!t) throw new LabReadError(`the scenario selects a kind the lab does not serve: ${kind}`);
  return `${t.group ? `/apis/${t.group}/${t.version}` : '/api/v1'}${t.namespaced ? `/namespaces/${namespace}` : ''}/${t.plural}`;
}

/** The log's newest seq: a list's resourceVersion (resourceVersion is the seq), where the folded state would replay the log. */
export async function currentSeq(apiUrl: string, fetch: LabFetch): Promise<number> {
  const list = (await (await read(fetch, `${apiUrl}/api/v1/namespaces?limit=1`, 'listing namespaces')).json()) as { metadata?: { resourceVersion?: string } };
  return Number(list.metadata?.resourceVersion ?? 0);
}

/** The current scenario's checks against the cluster now, as `kubelab learn status` runs them; { scenario: null } when there is none; during a practice exam, its clock and tasks instead. */
export async function learnStatus(source: LearnSource, lang: Lang, fetch: LabFetch, now = new Date()): Promise<LearnStatus> {
  const exam = readExam(source);
  if (exam && !exam.finished) {
    const names = new Set(scenarioNames(source.scenariosDir));
    const tasks = exam.tasks.filter((t) => names.has(t)).map((t) => readScenario(source.scenariosDir, t)).map((s) => ({ namespace: s.namespace, title: s.title[lang] }));
    return { scenario: null, exam: { title: examTitles[lang][exam.set], left: timeLeft(exam.endsAt, now) ?? null, tasks } };
  }
  const found = current(source);
  if (!found) return { scenario: null };
  const { scenario: s, entry } = found;
  const checks = runChecks(s.checks, await observeScenario(source, s, entry, fetch), lang);
  return {
    scenario: s.name, title: s.title[lang], goal: s.goal[lang], namespace: s.namespace,
    checks, passed: checks.every((c) => c.ok), hints: s.hints.length,
  };
}

/** The current scenario's hint `n` (from 1); undefined when there is no scenario or no such hint. */
export function learnHint(source: LearnFiles, n: number, lang: Lang): string | undefined {
  return current(source)?.scenario.hints[n - 1]?.[lang];
}
