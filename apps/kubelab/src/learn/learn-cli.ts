/**
 * `kubelab learn`: guided scenarios on the running lab. `start` makes the scenario's
 * namespace (learn-NAME) and its objects, `check` reads the namespace's objects and
 * its event log since the start and says what is not yet right, `hint` gives the next
 * hint, `solve` applies the reference solution, `reset` deletes the namespace (and
 * nothing else). Progress is kept in the data dir (learn.json); every text comes in
 * English and Korean (--lang ko or KUBELAB_LANG=ko).
 */
import { execFile } from 'node:child_process';
import { typeNamed, type ObjectMeta } from '@kubelab/api';
import { eventOf, type LogEntry } from '@kubelab/event-log';
import {
  currentSeq, LabReadError, languages, observeScenario, occurrence, readProgress, readScenario, runChecks, scenarioNames, servedTypes, updateProgress,
  type CheckResult, type Lang, type Observed, type Progress, type Scenario, type Step,
} from '@kubelab/learn';
import { removeStaticManifests, writeStaticManifest } from './static-manifests.js';

/** A command line or a scenario that cannot be carried out; the message says what to change. */
export class LearnError extends Error {}

export interface LearnLab {
  apiUrl: string;
  /** The kubeconfig kubectl steps use (the lab's, or the compose lab's). */
  kubeconfig: string;
  /** Runs a kubelab command on the same lab (a scenario's chaos drill); rejects with its message when it fails. */
  kubelab(args: string[]): Promise<void>;
  timeScale: number;
  dataDir: string;
  scenariosDir: string;
}

/** The language: --lang, else KUBELAB_LANG, else English. */
export function langOf(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const v = flag ?? env.KUBELAB_LANG ?? 'en';
  if (!(languages as readonly string[]).includes(v)) throw new LearnError(`--lang must be one of ${languages.join(', ')}, got "${v}"`);
  return v as Lang;
}

const words = {
  en: {
    noScenario: (name: string, known: string[]) => `no scenario "${name}"; there are: ${known.join(', ')}`,
    noCurrent: 'no scenario in progress: start one with kubelab learn start NAME (kubelab learn list shows them)',
    namespace: (ns: string) => `Work in namespace ${ns}:  kubectl config set-context --current --namespace ${ns}`,
    started: (s: string) => `Scenario ${s} started.`,
    passed: 'Every check passes. What happened:',
    notYet: 'Not yet:',
    noMoreHints: 'No more hints; kubelab learn solve applies the solution.',
    solved: (s: string) => `Applied the solution of ${s}; run kubelab learn check to see it hold.`,
    reset: (ns: string) => `Deleted namespace ${ns} and everything in it (static pod manifests that put a pod there too); the rest of the lab is untouched.`,
    status: { done: 'done', 'in-progress': 'in progress', none: '-' },
    timeline: 'Its events, in lab time since the start:',
  },
  ko: {
    noScenario: (name: string, known: string[]) => `"${name}" 시나리오가 없습니다. 있는 시나리오: ${known.join(', ')}`,
    noCurrent: '진행 중인 시나리오가 없습니다. kubelab learn start NAME 으로 시작하세요 (목록: kubelab learn list)',
    namespace: (ns: string) => `네임스페이스 ${ns} 에서 작업하세요:  kubectl config set-context --current --namespace ${ns}`,
    started: (s: string) => `시나리오 ${s} 를 시작했습니다.`,
    passed: '모든 검사를 통과했습니다. 일어난 일:',
    notYet: '아직:',
    noMoreHints: '힌트가 더 없습니다. kubelab learn solve 가 정답을 적용합니다.',
    solved: (s: string) => `${s} 의 정답을 적용했습니다. kubelab learn check 로 확인하세요.`,
    reset: (ns: string) => `네임스페이스 ${ns} 와 그 안의 모든 것 (그곳에 Pod 를 두는 정적 Pod 매니페스트도) 을 지웠습니다. 랩의 나머지는 그대로입니다.`,
    status: { done: '완료', 'in-progress': '진행 중', none: '-' },
    timeline: '이 시나리오의 이벤트 (시작부터 랩 시간):',
  },
} as const;

/** Every scenario, in the order of their `order` field. */
export function allScenarios(dir: string): Scenario[] {
  return scenarioNames(dir).map((n) => readScenario(dir, n)).sort((a, b) => a.order - b.order);
}

function scenarioOf(lab: LearnLab, name: string | undefined, lang: Lang): Scenario {
  const progress = readProgress(lab);
  const wanted = name ?? progress.current;
  if (!wanted) throw new LearnError(words[lang].noCurrent);
  const known = scenarioNames(lab.scenariosDir);
  if (!known.includes(wanted)) throw new LearnError(words[lang].noScenario(wanted, known));
  return readScenario(lab.scenariosDir, wanted);
}

async function api(lab: LearnLab, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${lab.apiUrl}${path}`, { method, headers: { 'content-type': contentType, 'user-agent': 'kubelab-learn' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** The API path of a kind a scenario names: built in, or of the cluster's CRDs (the Gateway API's, served out of the box). */
async function pathOf(lab: LearnLab, kind: string, namespace: string, name?: string): Promise<string> {
  const t = typeNamed(kind) ?? typeNamed(kind, await servedTypes(lab.apiUrl, (url) => fetch(url)));
  if (!t) throw new LearnError(`the scenario names a kind the lab does not serve: ${kind}`);
  const base = t.group ? `/apis/${t.group}/${t.version}` : '/api/v1';
  return `${base}${t.namespaced ? `/namespaces/${namespace}` : ''}/${t.plural}${name ? `/${name}` : ''}`;
}

async function failure(res: Response, what: string): Promise<never> {
  const status = (await res.json().catch(() => ({}))) as { message?: string };
  throw new LearnError(`${what}: ${status.message ?? `the api-server answered ${res.status}`}`);
}

/** Runs kubectl as the learner would, in the namespace, with the lab's kubeconfig. */
function kubectl(lab: LearnLab, args: string[], namespace: string, stdin?: { metadata?: ObjectMeta; [field: string]: unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', ['--kubeconfig', lab.kubeconfig, '-n', namespace, ...args], { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new LearnError(`kubectl ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve();
    });
    // kubectl may exit before it reads stdin: its own error says why, a broken pipe adds nothing.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin ? JSON.stringify({ ...stdin, metadata: { ...stdin.metadata, namespace } }) : '');
  });
}

/** Waits until the scenario's check `id` holds (its setup done: `start` has recorded the scenario). */
async function waitForCheck(lab: LearnLab, s: Scenario, id: string, timeoutSeconds = 180): Promise<void> {
  const check = s.checks.find((c) => c.id === id);
  if (!check) throw new LearnError(`${s.name} waits for a check it does not have: ${id}`);
  const entry = readProgress(lab).scenarios[s.name];
  if (!entry) throw new LearnError(`${s.name} is not started`);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const { observed } = await observe(lab, s, entry);
    if (runChecks([check], observed, 'en')[0].ok) return;
    if (Date.now() > deadline) throw new LearnError(`${s.name}: "${check.text.en}" did not come to hold within ${timeoutSeconds}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A kubelab command's words with the flags that name the lab: before a `--`, after which they are a node's command (kubelab ssh NODE -- COMMAND). */
export function withLabFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = args.indexOf('--');
  return end < 0 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}

/** Applies (server-side, as kubectl apply --server-side does), deletes, runs kubectl or kubelab, writes a static pod's manifest, or waits for a check, for each step in the scenario's namespace. */
export async function carryOut(lab: LearnLab, steps: Step[], s: Scenario): Promise<void> {
  const namespace = s.namespace;
  for (const step of steps) {
    if ('wait' in step) {
      await waitForCheck(lab, s, step.wait, step.timeout);
    } else if ('kubelab' in step) {
      await lab.kubelab(step.kubelab);
    } else if ('kubectl' in step) {
      await kubectl(lab, step.kubectl, namespace, step.stdin);
    } else if ('manifest' in step) {
      writeStaticManifest(lab.dataDir, step.manifest.node, step.manifest.object, namespace);
    } else if ('apply' in step) {
      const { kind, metadata } = step.apply;
      const object = { ...step.apply, metadata: { ...metadata, namespace } };
      const res = await api(lab, 'PATCH', `${await pathOf(lab, kind, namespace, metadata.name)}?fieldManager=kubelab-learn&force=true`, object, 'application/apply-patch+yaml');
      if (!res.ok) await failure(res, `applying ${kind}/${metadata.name}`);
    } else {
      const { kind, labels, gracePeriodSeconds } = step.delete;
      const name = step.delete.name ?? (await firstWithLabels(lab, kind, namespace, labels ?? {}));
      if (!name) throw new LearnError(`no ${kind} with labels ${JSON.stringify(labels)} in ${namespace} to delete`);
      const res = await api(lab, 'DELETE', `${await pathOf(lab, kind, namespace, name)}${gracePeriodSeconds === undefined ? '' : `?gracePeriodSeconds=${gracePeriodSeconds}`}`);
      if (!res.ok && res.status !== 404) await failure(res, `deleting ${kind}/${name}`);
    }
  }
}

/** The name of the first object of the kind with these labels, by name. */
async function firstWithLabels(lab: LearnLab, kind: string, namespace: string, labels: Record<string, string>): Promise<string | undefined> {
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const res = await api(lab, 'GET', `${await pathOf(lab, kind, namespace)}?labelSelector=${encodeURIComponent(selector)}`);
  if (!res.ok) await failure(res, `listing ${kind}`);
  const names = ((await res.json()) as { items: { metadata: { name: string; deletionTimestamp?: string } }[] }).items
    .filter((o) => !o.metadata.deletionTimestamp).map((o) => o.metadata.name).sort();
  return names[0];
}

async function namespaceGone(lab: LearnLab, namespace: string, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    if ((await api(lab, 'GET', `/api/v1/namespaces/${namespace}`)).status === 404) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new LearnError(`namespace ${namespace} is still being deleted; try again in a moment`);
}

async function observe(lab: LearnLab, s: Scenario, entry: Progress['scenarios'][string]): Promise<{ observed: Observed; log: LogEntry[] }> {
  try {
    const observed = await observeScenario(lab, s, entry, (url) => fetch(url));
    return { observed, log: observed.log };
  } catch (e) {
    throw e instanceof LabReadError ? new LearnError(e.message) : e;
  }
}

/** The namespace's objects once the scenario's `ready` checks hold (a minute at most): what it begins with. */
async function settled(lab: LearnLab, s: Scenario, startSeq: number): Promise<Observed['objects']> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const entry = { state: 'in-progress' as const, startSeq, startedAt: new Date().toISOString(), uids: [], objects: [], hints: 0 };
    const { observed } = await observe(lab, s, entry);
    if (runChecks(s.ready, observed, 'en').every((r) => r.ok)) return observed.objects;
    if (Date.now() > deadline) throw new LearnError(`the setup of ${s.name} did not become ready within a minute; kubectl get all -n ${s.namespace} shows what is missing`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The scenario's Events, one line each, at lab seconds since the start. */
export function timeline(log: LogEntry[], startedAt: string, timeScale: number): string[] {
  const t0 = Date.parse(startedAt);
  // An Event is shown when it is created and each time its count goes up, not for updates that change nothing a reader sees.
  const counts = new Map<string, number>();
  const seenAgain = (e: LogEntry) => {
    const count = Number(eventOf(e).count ?? 1);
    const again = e.type === 'EventCreated' || count > (counts.get(e.name) ?? 0);
    counts.set(e.name, Math.max(count, counts.get(e.name) ?? 0));
    return again;
  };
  return log.filter((e) => occurrence(e) && eventOf(e).reason && seenAgain(e))
    .map((e) => {
      const at = ((Date.parse(e.time) - t0) / 1000) * timeScale;
      const event = eventOf(e);
      const o = event.involvedObject ?? {};
      return `  ${`+${Math.max(0, Math.round(at))}s`.padStart(7)}  ${String(event.type ?? 'Normal').padEnd(7)} ${String(event.reason).padEnd(22)} ${o.kind}/${o.name}: ${event.message ?? ''}`;
    });
}

const mark = (r: CheckResult) => `  ${r.ok ? '✓' : '✗'} ${r.message}`;

/** Runs one `kubelab learn` command; returns the exit code, writing to `out`. */
export async function runLearnCommand(lab: LearnLab, command: string, name: string | undefined, lang: Lang, out: (line: string) => void, json = false): Promise<number> {
  const w = words[lang];
  const progress = readProgress(lab);
  switch (command) {
    case 'list': {
      for (const s of allScenarios(lab.scenariosDir)) out(`${s.name.padEnd(22)} ${w.status[progress.scenarios[s.name]?.state ?? 'none'].padEnd(12)} ${s.title[lang]}`);
      return 0;
    }
    case 'start': {
      const s = scenarioOf(lab, name ?? '', lang);
      removeStaticManifests(lab.dataDir, s.namespace);
      const exists = await api(lab, 'GET', `/api/v1/namespaces/${s.namespace}`);
      if (exists.ok) {
        await api(lab, 'DELETE', `/api/v1/namespaces/${s.namespace}`);
        await namespaceGone(lab, s.namespace, Date.now() + 60_000);
      }
      const created = await api(lab, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.namespace, labels: { 'kubelab.dev/scenario': s.name } } });
      if (!created.ok) await failure(created, `creating namespace ${s.namespace}`);
      const startSeq = await currentSeq(lab.apiUrl, (url) => fetch(url));
      await carryOut(lab, s.setup, s);
      const objects = await settled(lab, s, startSeq);
      updateProgress(lab, (p) => {
        p.current = s.name;
        p.scenarios[s.name] = { state: 'in-progress', startSeq, startedAt: new Date().toISOString(), uids: objects.map((o) => o.metadata.uid!), objects, hints: 0 };
      });
      out(w.started(s.name));
      out('');
      out(s.goal[lang]);
      out('');
      out(w.namespace(s.namespace));
      return 0;
    }
    case 'status':
    case 'check': {
      if (command === 'status' && !name && !progress.current) return runLearnCommand(lab, 'list', undefined, lang, out);
      const s = scenarioOf(lab, name, lang);
      const entry = progress.scenarios[s.name];
      if (!entry) throw new LearnError(words[lang].noCurrent);
      const { observed, log } = await observe(lab, s, entry);
      const results = runChecks(s.checks, observed, lang);
      const passed = results.every((r) => r.ok);
      if (command === 'check' && passed) {
        updateProgress(lab, (p) => {
          const now = p.scenarios[s.name];
          if (now?.startSeq === entry.startSeq) now.state = 'done';
        });
      }
      if (json) {
        out(JSON.stringify({ scenario: s.name, passed, checks: results }));
        return command === 'status' || passed ? 0 : 1;
      }
      out(`${s.name}: ${s.title[lang]}`);
      if (!passed) out(w.notYet);
      for (const r of results) out(mark(r));
      if (command === 'check' && passed) {
        out('');
        out(w.passed);
        out(s.explanation[lang]);
        out('');
        out(w.timeline);
        for (const line of timeline(log, entry.startedAt, lab.timeScale)) out(line);
      }
      return command === 'status' || passed ? 0 : 1;
    }
    case 'hint': {
      const s = scenarioOf(lab, name, lang);
      const entry = progress.scenarios[s.name];
      if (!entry) throw new LearnError(words[lang].noCurrent);
      if (entry.hints >= s.hints.length) {
        out(w.noMoreHints);
        return 0;
      }
      out(`${entry.hints + 1}/${s.hints.length}: ${s.hints[entry.hints][lang]}`);
      updateProgress(lab, (p) => {
        const now = p.scenarios[s.name];
        if (now?.startSeq === entry.startSeq) now.hints = entry.hints + 1;
      });
      return 0;
    }
    case 'solve': {
      const s = scenarioOf(lab, name, lang);
      if (!progress.scenarios[s.name]) throw new LearnError(words[lang].noCurrent);
      await carryOut(lab, s.solution, s);
      out(w.solved(s.name));
      return 0;
    }
    case 'reset': {
      const s = scenarioOf(lab, name, lang);
      removeStaticManifests(lab.dataDir, s.namespace);
      const res = await api(lab, 'DELETE', `/api/v1/namespaces/${s.namespace}`);
      if (!res.ok && res.status !== 404) await failure(res, `deleting namespace ${s.namespace}`);
      await namespaceGone(lab, s.namespace, Date.now() + 60_000);
      updateProgress(lab, (p) => {
        if (p.scenarios[s.name]?.state === 'in-progress') delete p.scenarios[s.name];
        if (p.current === s.name) delete p.current;
      });
      out(w.reset(s.namespace));
      return 0;
    }
    default:
      throw new LearnError(`unknown learn command "${command}"; one of list, start, status, check, hint, solve, reset`);
  }
}
