/**
 * The dashboard page, the browser bundle's entry: it lists nodes and pods and keeps
 * them current from watches, follows the event log into the timeline, shows a pod's
 * lifecycle and why chain, sends chaos drills, opens a terminal into a running pod,
 * replays the log to a past seq, and shows the scenario in progress (`kubelab learn`)
 * with its checks, polled every second, and the usage metrics.k8s.io reports (when the
 * lab serves it), polled as often as metrics-server refreshes.
 * It holds the page's state and wires events to the pure models and the views.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { NodeServiceState } from '@kubelab/bus';
import type { ClusterState, LogEntry } from '@kubelab/event-log';
import type { Lang, LearnStatus } from '@kubelab/learn';
import { boardOf } from './board.js';
import { agentStates, nodeChaos, nodeServiceStates, podChaos, type AgentState, type ChaosRequest, type HostReachRow, type ProcessStatus } from './chaos.js';
import { applyWatchEvent, emptyView, viewFromLists, viewFromState, type ClusterView, type WatchEvent } from './cluster-view.js';
import { el, fill, redraw } from './dom.js';
import { getJson, postJson, streamLines } from './http.js';
import { noScenario, panelShown, withStatus, type LearnPanel } from './learn.js';
import { lifecycleRows, whyChain } from './pod-story.js';
import { openTerminal } from './terminal.js';
import { bannerText, live, sliderPosition, slideTo, type TimeView } from './slider.js';
import { addEntry, lastSeq, noFilter, timelineRows, visibleEntries, type TimelineFilter } from './timeline.js';
import { metricsFromLists, noMetrics, type NodeMetrics, type PodMetrics, type UsageMetrics } from './usage.js';
import { boardView, hostReachView, learnView, podDetailView, timelineView, type BoardHandlers, type NodeProcesses } from './views.js';

const retryMs = 1000;
const timelineBacklog = 300;
const metricsPollMs = 5000;

const state = {
  view: emptyView as ClusterView,
  past: undefined as ClusterView | undefined,
  time: live as TimeView,
  timeline: [] as LogEntry[],
  filter: { ...noFilter } as TimelineFilter,
  logEnd: 0,
  lab: { agents: new Map<string, AgentState>(), services: new Map<string, readonly NodeServiceState[]>() } as NodeProcesses,
  metrics: noMetrics as UsageMetrics,
};

let drawPending = false;
/**
 * A pointer held down on a button: the page is not redrawn until it is up, since a click whose
 * button was replaced between its press and its release is lost (a busy lab redraws every frame).
 */
let pressed = false;
let drawHeld = false;
document.addEventListener('pointerdown', (e) => { pressed = e.target instanceof Element && e.target.closest('button') !== null; }, true);
for (const end of ['pointerup', 'pointercancel']) {
  document.addEventListener(end, () => {
    pressed = false;
    if (drawHeld) draw();
  }, true);
}

function draw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    drawHeld = pressed;
    if (pressed) return;
    const past = state.time.mode === 'past' && state.past !== undefined;
    redraw('board', ...boardView(boardOf(past ? state.past! : state.view, new Date(), past ? noMetrics : state.metrics), state.lab, handlers, past));
    redraw('timeline-rows', ...timelineView(timelineRows(visibleEntries(state.timeline, state.filter), state.timeline)));
    const slider = document.getElementById('time-slider') as HTMLInputElement;
    const position = sliderPosition(state.time, state.logEnd);
    slider.min = String(position.min);
    slider.max = String(position.max);
    if (document.activeElement !== slider) slider.value = String(position.value);
    const banner = bannerText(state.time);
    document.body.classList.toggle('past', banner !== undefined);
    fill('time-banner', ...(banner ? [el('span', { 'data-testid': 'time-banner-text' }, banner), ' — ', el('button', { 'data-testid': 'back-to-live', click: backToLive }, 'back to live')] : [el('span', {}, `live · seq ${state.logEnd}`)]));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** List, then watch from the list's resourceVersion; on any end or error, list and watch again. */
async function listAndWatch(kind: 'Node' | 'Pod', path: string): Promise<never> {
  for (;;) {
    try {
      const list = await getJson<{ items: (Node | Pod)[]; metadata: { resourceVersion: string } }>(path);
      const items = list.items.map((o) => ({ ...o, kind }));
      state.view = kind === 'Node' ? viewFromLists(items as Node[], [...state.view.pods.values()]) : viewFromLists([...state.view.nodes.values()], items as Pod[]);
      state.logEnd = Math.max(state.logEnd, Number(list.metadata.resourceVersion));
      draw();
      await streamLines<WatchEvent>(`${path}?watch=true&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`, (event) => {
        state.view = applyWatchEvent(state.view, kind, event);
        draw();
      });
    } catch (e) {
      console.warn(`watching ${path}:`, (e as Error).message);
    }
    await pause(retryMs);
  }
}

/** Follows the event log from a little before its end, resuming after the last seq seen. */
async function followLog(): Promise<never> {
  for (;;) {
    try {
      const since = state.timeline.length > 0 ? lastSeq(state.timeline) : Math.max(0, state.logEnd - timelineBacklog);
      await streamLines(`/kubelab/v1/events?follow=true&since=${since}`, (entry: LogEntry) => {
        state.timeline = addEntry(state.timeline, entry);
        state.logEnd = Math.max(state.logEnd, entry.seq);
        draw();
      });
    } catch (e) {
      console.warn('following the event log:', (e as Error).message);
    }
    await pause(retryMs);
  }
}

/** The agents' process states and the nodes' units from the supervisor (none without one: its node buttons are then disabled). */
async function readAgents(): Promise<void> {
  try {
    const status = await getJson<ProcessStatus>('/status');
    state.lab = { agents: agentStates(status), services: nodeServiceStates(status) };
    drawHostReach(status.hostReach ?? []);
  } catch {
    state.lab = { agents: new Map(), services: new Map() };
  }
  draw();
}

/** The host's ways in, shown once there is one. */
function drawHostReach(rows: readonly HostReachRow[]): void {
  const section = document.getElementById('host-reach');
  if (!section) return;
  section.hidden = rows.length === 0;
  fill('host-reach', ...hostReachView(rows));
}

async function pollAgents(): Promise<never> {
  for (;;) {
    await readAgents();
    await pause(2000);
  }
}

/** Usage from metrics.k8s.io; none (no bars) while the API does not answer. */
async function pollMetrics(): Promise<never> {
  for (;;) {
    try {
      const [pods, nodes] = await Promise.all([
        getJson<{ items: PodMetrics[] }>('/apis/metrics.k8s.io/v1beta1/pods'),
        getJson<{ items: NodeMetrics[] }>('/apis/metrics.k8s.io/v1beta1/nodes'),
      ]);
      state.metrics = metricsFromLists(pods.items, nodes.items);
    } catch {
      state.metrics = noMetrics;
    }
    draw();
    await pause(metricsPollMs);
  }
}

async function chaos(request: ChaosRequest): Promise<void> {
  if (!window.confirm(request.question)) return;
  const answer = await postJson(request.path, request.body);
  fill('chaos-result', el('span', { class: answer.ok ? 'ok' : 'failed', 'data-testid': 'chaos-message', title: answer.message }, answer.message));
  await readAgents();
}

const detailHint = () => el('p', { class: 'note' }, 'Click a pod for its lifecycle and why chain.');

/** Fetches the causes the chain lacks, entry by entry, until it reaches its roots. */
async function openPod(namespace: string, name: string): Promise<void> {
  fill('detail', el('h2', {}, `pod ${namespace}/${name}`), el('p', {}, 'reading the log…'));
  const query = (params: Record<string, string>) => `/kubelab/v1/events?${new URLSearchParams(params)}`;
  const lines = async (path: string) => {
    const found: LogEntry[] = [];
    await streamLines(path, (e: LogEntry) => found.push(e));
    return found;
  };
  const own = await lines(query({ kind: 'Pod', namespace, name }));
  const kubeEvents = await lines(query({ kind: 'Event', namespace }));
  const drills = await lines(query({ kind: 'Event', actor: 'chaos' }));
  const known = new Map([...own, ...kubeEvents, ...drills].map((e) => [e.seq, e]));
  const gone = new Set<number>();
  let story = whyChain(own, kubeEvents, drills, known);
  for (let wanted = story.missing.filter((s) => !gone.has(s)); wanted.length > 0; wanted = story.missing.filter((s) => !gone.has(s))) {
    for (const seq of wanted) {
      const res = await fetch(`/kubelab/v1/events/${seq}`);
      if (res.ok) known.set(seq, await res.json());
      else gone.add(seq);
    }
    story = whyChain(own, kubeEvents, drills, known);
  }
  fill('detail', ...podDetailView(`pod ${namespace}/${name}`, lifecycleRows(own, kubeEvents), story.lines, [...gone], () => fill('detail', detailHint())));
}

const handlers: BoardHandlers = {
  openPod: (card) => void openPod(card.namespace, card.name).catch((e: Error) => fill('detail', el('p', { class: 'failed' }, e.message))),
  nodeChaos: (action, node) => void chaos(nodeChaos(action, node)),
  podChaos: (action, card) => void chaos(podChaos(action, card.namespace, card.name)),
  openTerminal: (card) => openTerminal({ namespace: card.namespace, pod: card.name, containers: card.containers }),
};

let slideRequest = 0;
async function slide(value: number): Promise<void> {
  state.time = slideTo(value, state.logEnd);
  const request = ++slideRequest;
  if (state.time.mode === 'past') {
    const past = await getJson<ClusterState>(`/kubelab/v1/state?at=${state.time.seq}`);
    if (request !== slideRequest) return;
    state.past = viewFromState(past.items);
  } else state.past = undefined;
  draw();
}

function backToLive(): void {
  slideRequest++;
  state.time = live;
  state.past = undefined;
  draw();
}

let learn: LearnPanel = noScenario;
let learnDrawn = '';

/** Redraws the scenario panel only when what it shows changed, so a click on its buttons is never lost to a redraw. */
function drawLearn(): void {
  const shown = JSON.stringify(learn);
  if (shown === learnDrawn) return;
  learnDrawn = shown;
  const panel = document.getElementById('learn');
  if (panel) panel.hidden = !panelShown(learn);
  fill('learn', ...learnView(learn, learnHandlers));
}

async function readLearn(): Promise<void> {
  try {
    // The status first, then the panel as it is when it arrives: a hint revealed meanwhile must not be lost to the panel read before.
    const status = await getJson<LearnStatus>(`/learn/status?lang=${learn.lang}`);
    learn = withStatus(learn, status);
  } catch (e) {
    learn = { ...learn, error: (e as Error).message };
  }
  drawLearn();
}

async function pollLearn(): Promise<never> {
  for (;;) {
    await readLearn();
    await pause(retryMs);
  }
}

const hintText = async (n: number, lang: Lang) => (await getJson<{ hint: string }>(`/learn/hint?n=${n}&lang=${lang}`)).hint;

const learnHandlers = {
  hint: (n: number) => void hintText(n, learn.lang).then(
    (hint) => {
      if (learn.hints.length === n - 1) learn = { ...learn, hints: [...learn.hints, hint] };
      drawLearn();
    },
    (e: Error) => {
      learn = { ...learn, error: e.message };
      drawLearn();
    },
  ),
  /** The panel in the other language: the status, and the hints shown so far, read again. */
  lang: (lang: Lang) => {
    const shown = learn.hints.length;
    learn = { ...learn, lang };
    void Promise.all(Array.from({ length: shown }, (_, i) => hintText(i + 1, lang)))
      .then((hints) => {
        learn = { ...learn, hints };
      }, (e: Error) => {
        learn = { ...learn, error: e.message };
      })
      .then(readLearn);
  },
};

function start(): void {
  const slider = document.getElementById('time-slider') as HTMLInputElement;
  slider.addEventListener('input', () => void slide(Number(slider.value)).catch((e: Error) => fill('time-banner', e.message)));
  for (const input of document.querySelectorAll<HTMLInputElement>('[data-filter]')) {
    input.addEventListener('input', () => {
      state.filter = { ...state.filter, [input.dataset.filter as keyof TimelineFilter]: input.value };
      draw();
    });
  }
  void listAndWatch('Node', '/api/v1/nodes');
  void listAndWatch('Pod', '/api/v1/pods');
  void followLog();
  void pollAgents();
  void pollLearn();
  void pollMetrics();
  draw();
}

start();
