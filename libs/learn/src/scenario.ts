/**
 * A guided scenario of `kubelab learn`, kept as data: one folder per scenario under
 * libs/learn/scenarios holding scenario.yaml (its goal, the objects it starts
 * with, its checks, hints, the reference solution and the explanation, each text in
 * English and Korean). Adding a scenario needs no code; this module reads one and
 * says precisely what is wrong with a file that does not hold together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoDuration, type KubeObject, type Pod } from '@kubelab/api';
import { parse } from 'yaml';

export const languages = ['en', 'ko'] as const;
export type Lang = (typeof languages)[number];

/** A text in every language. */
export type Text = Record<Lang, string>;

/** One condition on an object's field: `path` is dotted (status.containerStatuses.0.ready), or a list of keys when a key has dots (an annotation's). */
export interface FieldCondition {
  path: string | string[];
  equals?: unknown;
  notEquals?: unknown;
  atLeast?: number;
  /** The field differs (true) or not (false) from what it was on the object of that name when the scenario started. */
  changed?: boolean;
  /** The field is set (true) or not (false). */
  exists?: boolean;
  /** The field equals another field of the same object (status.observedGeneration and metadata.generation: the controller has seen the latest spec). */
  sameAs?: string;
  /**
   * The field is a list with an item that has at least these fields (an object's other fields, a list's other items and
   * what the API defaulted do not matter): a route's rule that sends /api to the api Service, whatever else it says.
   */
  contains?: unknown;
}

/** Which objects a check reads: by kind and name, or by kind and labels. */
export interface ObjectRef {
  kind: string;
  name?: string;
  labels?: Record<string, string>;
}

export type Check =
  /**
   * Objects matching `select` meet `where`: all of them (at least one), exactly `count` of them (and no other), or at least
   * `some` of them; with `stableFor`, they have for that long (lab time) by the log.
   */
  | { id: string; text: Text; failing: Text; type: 'objects'; select: ObjectRef; where: FieldCondition[]; count?: number; some?: number; stableFor?: number }
  /** No object matches `select`. */
  | { id: string; text: Text; failing: Text; type: 'absent'; select: ObjectRef }
  /** The log holds at least `atLeast` core Events with this reason about objects matching `about` (in seq order, each after the `after` reason's first, when given). */
  | { id: string; text: Text; failing: Text; type: 'events'; reason: string; about?: ObjectRef; atLeast: number; after?: string }
  /** A container of the pod restarted after these back-offs (lab seconds), in turn, as the kubelet announced them in the log and really waited them. */
  | { id: string; text: Text; failing: Text; type: 'backoffs'; pod: string; intervals: number[] }
  /** The pod was deleted gracefully and stayed Terminating at least `atLeast` lab seconds before it was gone. */
  | { id: string; text: Text; failing: Text; type: 'terminating'; pod: string; atLeast: number }
  /** Objects matching `select` exist that the scenario's start did not make (new UIDs), at least `atLeast` of them. */
  | { id: string; text: Text; failing: Text; type: 'replaced'; select: ObjectRef; atLeast: number }
  /** An object matching `select` was deleted at least `atLeast` times since the start and exists again under a new UID (a mirror pod the kubelet made again). */
  | { id: string; text: Text; failing: Text; type: 'recreated'; select: ObjectRef; atLeast: number }
  /**
   * etcd's restore of a snapshot brought an object matching `select` back (`back`: it is there again, made by etcd after the
   * start) or took it away (it is gone, deleted by etcd): what a restore did, not what a learner did by hand with kubectl.
   */
  | { id: string; text: Text; failing: Text; type: 'restored'; select: ObjectRef; back: boolean }
  /** Exactly `count` Running pods match `select`, and no node runs more than `maxPerNode` of them (the spread a descheduler restores). */
  | { id: string; text: Text; failing: Text; type: 'spread'; select: ObjectRef; count: number; maxPerNode: number };

/**
 * A step of the setup or the solution: an object to apply (server-side), an object to delete (by name, or the first
 * with these labels), or a kubectl command run as the learner would (`stdin`: an object for `-f -`).
 */
export type Step =
  | { apply: KubeObject }
  | { delete: DeleteStep }
  | { kubectl: string[]; stdin?: KubeObject }
  /** A static pod's manifest written into the node's folder of the lab's data dir (manifests/NODE/NAME.yaml), as a kubelet's --pod-manifest-path holds it. */
  | { manifest: { node: string; object: Pod } }
  /** A kubelab command on the same lab (a chaos drill). */
  | { kubelab: string[] }
  /** Wait, up to `timeout` (3m by default, real time), until the scenario's check of this id holds. */
  | { wait: string; timeout?: number };

/** The object a delete step removes: by name, or the first with these labels. */
export interface DeleteStep {
  kind: string;
  name?: string;
  labels?: Record<string, string>;
  gracePeriodSeconds?: number;
}

/** A step as scenario.yaml holds it, before steps() checks its fields. */
interface RawStep {
  apply?: Partial<KubeObject>;
  delete?: Partial<DeleteStep>;
  kubectl?: unknown;
  stdin?: KubeObject;
  kubelab?: unknown;
  manifest?: { node?: unknown; object?: Partial<Pod> };
  wait?: unknown;
  timeout?: unknown;
}

export interface Scenario {
  name: string;
  /** Where it comes in `kubelab learn list`. */
  order: number;
  title: Text;
  goal: Text;
  /** The namespace it runs in: learn-<name>. */
  namespace: string;
  setup: Step[];
  /** What `start` waits for after the setup before it notes the UIDs the scenario began with. */
  ready: Check[];
  checks: Check[];
  hints: Text[];
  solution: Step[];
  explanation: Text;
  /** The practice exams (`kubelab exam start --set`) whose tasks it may be: the CKA's, the CKAD's. */
  exams: ExamSet[];
  /**
   * How the scenario's own test drives it: the checks that must hold before a fix (the learner watched it break), a
   * plausible wrong fix that must not pass, and what gives the lab back after it (a node the wrong fix left down).
   */
  rehearsal: { before: string[]; wrongFix: Step[]; after: Step[] };
}

/** The practice exams a scenario can be a task of. */
export const examSets = ['cka', 'ckad'] as const;
export type ExamSet = (typeof examSets)[number];

/** A scenario file that does not hold together; the message names the file and the field. */
export class ScenarioError extends Error {}

const checkTypes = ['objects', 'absent', 'events', 'backoffs', 'terminating', 'replaced', 'recreated', 'restored', 'spread'] as const;

function text(v: unknown, where: string): Text {
  const t = v as Record<string, unknown> | null;
  for (const lang of languages) {
    if (typeof t?.[lang] !== 'string' || !(t[lang] as string).trim()) throw new ScenarioError(`${where}: needs a text in every language (${languages.join(', ')}), "${lang}" is missing`);
  }
  return { en: (t!.en as string).trim(), ko: (t!.ko as string).trim() };
}

function ref(v: unknown, where: string): ObjectRef {
  const r = v as ObjectRef | null;
  if (typeof r?.kind !== 'string') throw new ScenarioError(`${where}: needs a kind`);
  if (r.name !== undefined && typeof r.name !== 'string') throw new ScenarioError(`${where}.name: must be a string`);
  return { kind: r.kind, ...(r.name ? { name: r.name } : {}), ...(r.labels ? { labels: r.labels } : {}) };
}

function seconds(v: unknown, where: string, zero = false): number {
  const ms = typeof v === 'string' ? (zero && /^0+s?$/.test(v) ? 0 : parseGoDuration(v)) : undefined;
  if (ms === undefined || ms < 0 || (ms === 0 && !zero)) throw new ScenarioError(`${where}: must be a duration such as 30s, got ${JSON.stringify(v)}`);
  return ms / 1000;
}

function steps(v: unknown, where: string): Step[] {
  if (!Array.isArray(v)) throw new ScenarioError(`${where}: must be a list of steps (apply: OBJECT, delete: {kind, name}, kubectl: [ARGS], manifest: {node, object}, kubelab: [ARGS] or wait: CHECK)`);
  return v.map((raw: RawStep | null, i): Step => {
    const s = raw ?? {};
    if (s.apply && typeof s.apply.kind === 'string' && typeof s.apply.metadata?.name === 'string') return { apply: s.apply as KubeObject };
    if (s.delete && typeof s.delete.kind === 'string' && (typeof s.delete.name === 'string' || typeof s.delete.labels === 'object')) return { delete: s.delete as DeleteStep };
    if (Array.isArray(s.kubectl) && s.kubectl.every((a: unknown) => typeof a === 'string')) return { kubectl: s.kubectl as string[], ...(s.stdin ? { stdin: s.stdin } : {}) };
    if (Array.isArray(s.kubelab) && s.kubelab.every((a: unknown) => typeof a === 'string')) return { kubelab: s.kubelab as string[] };
    if (typeof s.manifest?.node === 'string' && s.manifest.object?.kind === 'Pod' && typeof s.manifest.object.metadata?.name === 'string') return { manifest: s.manifest as { node: string; object: Pod } };
    if (typeof s.wait === 'string') return { wait: s.wait, ...(s.timeout !== undefined ? { timeout: seconds(s.timeout, `${where}[${i}].timeout`) } : {}) };
    throw new ScenarioError(`${where}[${i}]: must be apply: OBJECT (with kind and metadata.name), delete: {kind, name | labels}, kubectl: [ARGS] (with stdin: OBJECT for -f -), manifest: {node, object: POD}, kubelab: [ARGS] or wait: CHECK`);
  });
}

function check(v: Record<string, unknown>, where: string): Check {
  if (typeof v?.id !== 'string') throw new ScenarioError(`${where}: needs an id`);
  const base = { id: v.id, text: text(v.text, `${where}.text`), failing: text(v.failing, `${where}.failing`) };
  switch (v.type) {
    case 'objects': {
      if (!Array.isArray(v.where)) throw new ScenarioError(`${where}.where: must be a list of {path, equals|notEquals|atLeast|changed|exists|contains|sameAs}`);
      const conditions = (v.where as FieldCondition[]).map((c, i) => {
        if (typeof c?.path !== 'string' && !(Array.isArray(c?.path) && c.path.every((k) => typeof k === 'string'))) throw new ScenarioError(`${where}.where[${i}]: needs a path`);
        return c;
      });
      return {
        ...base, type: 'objects', select: ref(v.select, `${where}.select`), where: conditions,
        ...(v.count !== undefined ? { count: Number(v.count) } : {}), ...(v.some !== undefined ? { some: Number(v.some) } : {}), ...(v.stableFor !== undefined ? { stableFor: seconds(v.stableFor, `${where}.stableFor`) } : {}),
      };
    }
    case 'absent':
      return { ...base, type: 'absent', select: ref(v.select, `${where}.select`) };
    case 'events':
      if (typeof v.reason !== 'string') throw new ScenarioError(`${where}.reason: needs the Event reason`);
      return { ...base, type: 'events', reason: v.reason, atLeast: Number(v.atLeast ?? 1), ...(v.about ? { about: ref(v.about, `${where}.about`) } : {}), ...(v.after ? { after: String(v.after) } : {}) };
    case 'backoffs':
      if (typeof v.pod !== 'string' || !Array.isArray(v.intervals)) throw new ScenarioError(`${where}: needs pod and intervals (durations)`);
      return { ...base, type: 'backoffs', pod: v.pod, intervals: v.intervals.map((d: unknown, i: number) => seconds(d, `${where}.intervals[${i}]`, true)) };
    case 'terminating':
      if (typeof v.pod !== 'string') throw new ScenarioError(`${where}.pod: needs the pod's name`);
      return { ...base, type: 'terminating', pod: v.pod, atLeast: seconds(v.atLeast, `${where}.atLeast`) };
    case 'replaced':
    case 'recreated':
      return { ...base, type: v.type, select: ref(v.select, `${where}.select`), atLeast: Number(v.atLeast ?? 1) };
    case 'restored':
      if (typeof v.back !== 'boolean') throw new ScenarioError(`${where}.back: must be true (the restore brought it back) or false (the restore took it away)`);
      return { ...base, type: 'restored', select: ref(v.select, `${where}.select`), back: v.back };
    case 'spread':
      if (!Number.isInteger(v.count) || !Number.isInteger(v.maxPerNode) || (v.maxPerNode as number) < 1) throw new ScenarioError(`${where}: needs count and maxPerNode (whole numbers, maxPerNode at least 1)`);
      return { ...base, type: 'spread', select: ref(v.select, `${where}.select`), count: v.count as number, maxPerNode: v.maxPerNode as number };
    default:
      throw new ScenarioError(`${where}.type: must be one of ${checkTypes.join(', ')}, got ${JSON.stringify(v?.type)}`);
  }
}

function exams(v: unknown, where: string): ExamSet[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((e) => (examSets as readonly unknown[]).includes(e))) throw new ScenarioError(`${where}: must be a list of ${examSets.join(', ')}`);
  return v as ExamSet[];
}

/** The scenario in `dir`/scenario.yaml. */
export function readScenario(dir: string, name: string): Scenario {
  const file = join(dir, name, 'scenario.yaml');
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const where = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new ScenarioError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such scenario' : `not YAML${where ? ` (line ${where.line}, column ${where.col})` : ''}`}`);
  }
  const at = (field: string) => `${file}: ${field}`;
  const rehearsal = doc?.rehearsal as { before?: unknown[]; wrongFix?: unknown; after?: unknown } | undefined;
  if (!Array.isArray(doc?.checks) || doc.checks.length === 0) throw new ScenarioError(at('checks: needs at least one check'));
  return {
    name, namespace: `learn-${name}`, order: Number(doc.order ?? 100),
    title: text(doc.title, at('title')), goal: text(doc.goal, at('goal')),
    setup: steps(doc.setup ?? [], at('setup')),
    ready: (Array.isArray(doc.ready) ? doc.ready : []).map((c: Record<string, unknown>, i: number) => check({ text: { en: '-', ko: '-' }, failing: { en: '-', ko: '-' }, id: `ready${i}`, ...c }, at(`ready[${i}]`))),
    checks: doc.checks.map((c: Record<string, unknown>, i: number) => check(c, at(`checks[${i}]`))),
    hints: (Array.isArray(doc.hints) ? doc.hints : []).map((h: unknown, i: number) => text(h, at(`hints[${i}]`))),
    solution: steps(doc.solution, at('solution')),
    explanation: text(doc.explanation, at('explanation')),
    exams: exams(doc.exams, at('exams')),
    rehearsal: {
      before: (rehearsal?.before ?? []).map(String),
      wrongFix: steps(rehearsal?.wrongFix ?? [], at('rehearsal.wrongFix')),
      after: steps(rehearsal?.after ?? [], at('rehearsal.after')),
    },
  };
}

/** Every scenario's name (its folder's). */
export function scenarioNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
