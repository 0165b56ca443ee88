/**
 * The page's views, built from the pure models: the board (node columns of pod
 * cards with their chaos and terminal buttons), the timeline rows, a pod's
 * detail panel and the scenario panel.
 * Only DOM building here; what to show is decided in board.ts, chaos.ts,
 * status-tone.ts, timeline.ts, pod-story.ts and learn.ts.
 */
import type { NodeServiceState } from '@kubelab/bus';
import type { Lang } from '@kubelab/learn';
import type { Board, NodeColumn, PodCard } from './board.js';
import { nodeButtons, podActions, type AgentState, type HostReachRow, type NodeChaos, type PodChaos } from './chaos.js';
import { el, type Child } from './dom.js';
import { nextHint, pageLanguages, panelWords, type LearnPanel } from './learn.js';
import type { ChainLine, LifecycleRow } from './pod-story.js';
import { agentTone, nodeStatusParts, serviceTone } from './status-tone.js';
import type { TimelineRow } from './timeline.js';
import type { UsageBar } from './usage.js';

export interface BoardHandlers {
  openPod(card: PodCard): void;
  nodeChaos(action: NodeChaos, node: string): void;
  podChaos(action: PodChaos, card: PodCard): void;
  openTerminal(card: PodCard): void;
}

const clock = (time: string) => time.slice(11, 23);

/** A usage bar: the used part filled, a tick at the request; its text (kubectl top's numbers) as the title. */
function usageBarView(bar: UsageBar, testid: string): HTMLElement {
  return el('div', { class: `usage usage-${bar.resource}${bar.over ? ' over' : ''}`, 'data-testid': `${testid}-${bar.resource}`, 'data-used': String(bar.used), title: bar.text },
    el('span', { class: 'usage-label' }, bar.resource),
    el('span', { class: 'usage-track' },
      el('span', { class: 'usage-fill', style: `width: ${(bar.fill * 100).toFixed(1)}%` }),
      bar.requestMark !== undefined && el('span', { class: 'usage-request', style: `left: ${(bar.requestMark * 100).toFixed(1)}%` })));
}

const usageView = (bars: readonly UsageBar[] | undefined, testid: string) => bars && el('div', { class: 'usage-bars' }, ...bars.map((b) => usageBarView(b, testid)));

function podCardView(card: PodCard, h: BoardHandlers, past: boolean): HTMLElement {
  const buttons = past ? [] : podActions.map((action) => el('button', {
    class: 'chaos', 'data-testid': `chaos-${action}-${card.name}`,
    click: (e) => {
      e.stopPropagation();
      h.podChaos(action, card);
    },
  }, action === 'crash' ? 'crash' : 'make unhealthy'));
  if (!past && card.containers.length > 0) {
    buttons.push(el('button', {
      class: 'terminal-open', 'data-testid': `terminal-${card.name}`, title: `a shell in ${card.containers.length > 1 ? 'a container' : `container ${card.containers[0]}`} (kubectl exec -it)`,
      click: (e) => {
        e.stopPropagation();
        h.openTerminal(card);
      },
    }, '>_ terminal'));
  }
  return el('div', { class: `card tone-${card.tone}`, 'data-testid': `pod-${card.name}`, 'data-status': card.status, title: `${card.key}: click for its lifecycle and why chain`,
    // On press, not on click: a live update may redraw the card between press and release, and a click needs both on one element.
    pointerdown: (e: Event) => {
      if (!(e.target as Element).closest('button')) h.openPod(card);
    } },
    el('div', { class: 'card-name' }, card.name),
    card.namespace !== 'default' && el('div', { class: 'card-ns' }, card.namespace),
    el('div', { class: 'card-meta' },
      el('span', { class: 'card-status', 'data-testid': `pod-status-${card.name}` }, card.status),
      el('span', {}, `ready ${card.ready}`),
      el('span', {}, `restarts ${card.restarts}`)),
    usageView(card.usage, `usage-${card.name}`),
    buttons.length > 0 && el('div', { class: 'card-actions' }, ...buttons));
}

/** `NotReady,SchedulingDisabled` with each part in its colour; its text stays the kubectl STATUS. */
function nodeStatusView(column: NodeColumn): HTMLElement {
  const parts = nodeStatusParts(column.status).flatMap((p, i): Child[] => [i > 0 && ',', el('span', { class: `status-${p.tone}` }, p.text)]);
  return el('span', { class: 'node-status', 'data-testid': `node-status-${column.name}` }, ...parts);
}

/** The node's units as `systemctl is-active` names them (`kubelet active`), each in its colour, `systemctl status`'s words as its title. */
function servicesView(node: string, services: readonly NodeServiceState[]): HTMLElement | false {
  return services.length > 0 && el('div', { class: 'node-services' }, ...services.map((s) => {
    const name = s.unit.replace(/\.service$/, '');
    return el('span', {
      class: `service status-${serviceTone(s.active)}`, 'data-testid': `service-${node}-${name}`, 'data-active': s.active,
      title: `systemctl status ${s.unit}: ${s.active} (${s.sub}) since ${s.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`,
    }, `${name} ${s.active}`);
  }));
}

function nodeColumnView(column: NodeColumn, lab: NodeProcesses, h: BoardHandlers, past: boolean): HTMLElement {
  const agent = lab.agents.get(column.name);
  const buttons = past ? [] : nodeButtons(column.name, agent).map((b) => el('button', {
    class: 'chaos', 'data-testid': `chaos-${b.action}-${column.name}`, title: b.title,
    ...(b.enabled ? { click: () => h.nodeChaos(b.action, column.name) } : { disabled: '' }),
  }, b.action.replace('-agent', '')));
  return el('section', { class: `column tone-${column.tone}${column.cordoned ? ' cordoned' : ''}`, 'data-testid': `node-${column.name}`, 'data-status': column.status },
    el('header', {},
      el('h2', {}, column.name),
      nodeStatusView(column),
      agent && el('span', { class: `agent-state status-${agentTone(agent)}`, 'data-testid': `agent-state-${column.name}` }, `agent ${agent}`)),
    !past && servicesView(column.name, lab.services.get(column.name) ?? []),
    usageView(column.usage, `usage-${column.name}`),
    buttons.length > 0 && el('div', { class: 'column-actions' }, ...buttons),
    el('div', { class: 'cards' }, ...column.pods.map((p) => podCardView(p, h, past))));
}

/** What the supervisor says of each node's processes: its kubelet-agent's state, and the node's systemd units. */
export interface NodeProcesses {
  agents: ReadonlyMap<string, AgentState>;
  services: ReadonlyMap<string, readonly NodeServiceState[]>;
}

export function boardView(board: Board, lab: NodeProcesses, h: BoardHandlers, past: boolean): HTMLElement[] {
  const pending = el('section', { class: 'column pending', 'data-testid': 'node-Pending' },
    el('header', {}, el('h2', {}, 'Pending')),
    el('div', { class: 'cards' }, ...board.pending.map((p) => podCardView(p, h, past))));
  return [...board.nodes.map((c) => nodeColumnView(c, lab, h, past)), pending];
}

const actorCell = (actor: string, chaos: boolean) => el('td', { class: 'actor' }, chaos ? `⚡ ${actor}` : actor);

export function timelineView(rows: readonly TimelineRow[]): HTMLElement[] {
  return rows.map((r) => el('tr', { 'data-testid': 'timeline-row', 'data-seq': String(r.seq), class: r.chaos ? 'chaos-entry' : '' },
    el('td', {}, String(r.seq)), el('td', {}, clock(r.time)), actorCell(r.actor, r.chaos),
    el('td', {}, el('div', {}, r.object), el('div', { class: 'dim' }, r.type)),
    el('td', { class: r.warning ? 'warning' : '' }, r.summary)));
}

/** What the host reaches (as `kubelab status` ends with it), each way in with the pods its requests reached. */
export function hostReachView(rows: readonly HostReachRow[]): HTMLElement[] {
  const reached = (row: HostReachRow) => row.reached.map((r) => `${r.pod} ×${r.requests}`).join(', ') || '-';
  return [
    el('h2', {}, 'From the host'),
    table('host-reach', ['Kind', 'Name', 'Port', 'URL', 'Pods reached'], rows.map((row) => el('tr', { 'data-testid': 'host-reach-row', 'data-name': row.name, 'data-kind': row.kind },
      el('td', {}, row.kind), el('td', {}, row.name), el('td', {}, row.port), el('td', { class: 'url' }, row.url), el('td', { 'data-testid': 'host-reach-pods' }, reached(row))))),
  ];
}

/** A table whose columns are named by class (widths in style.css), so long text wraps instead of widening it. */
function table(name: string, head: string[], rows: HTMLElement[]): HTMLElement {
  return el('table', { class: `fixed ${name}` },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { class: `col-${h.toLowerCase().replace(/\s+/g, '-')}` }, h)))),
    el('tbody', {}, ...rows));
}

/** A pod entry's row with its state; an Event's row as `kubectl describe` lists it, its "Reason: message" across the state columns. */
function lifecycleRowView(r: LifecycleRow): HTMLElement {
  const when = [el('td', {}, String(r.seq)), el('td', {}, clock(r.time))];
  if (r.kind === 'status') {
    return el('tr', { 'data-testid': 'lifecycle-row' }, ...when,
      el('td', {}, r.type), el('td', {}, r.phase), el('td', {}, r.ready), el('td', {}, String(r.restarts)), el('td', {}, r.summary));
  }
  const tone = r.eventType === 'Warning' ? 'warning' : '';
  return el('tr', { 'data-testid': 'lifecycle-row', class: `event-row${r.chaos ? ' chaos-entry' : ''}` }, ...when,
    el('td', { class: tone }, r.chaos ? `⚡ ${r.eventType}` : r.eventType), el('td', { colspan: '4', class: tone }, r.summary));
}

function chainLineView(l: ChainLine): HTMLElement {
  return el('tr', { 'data-testid': 'why-row', class: l.chaos ? 'chaos-entry' : '' },
    el('td', {}, String(l.seq)), el('td', {}, clock(l.time)), actorCell(l.actor, l.chaos),
    el('td', {}, el('div', { class: 'dim' }, l.object), el('div', {}, l.summary), l.details.length > 0 && el('pre', { class: 'details' }, l.details.join('\n'))));
}

export function podDetailView(title: string, rows: readonly LifecycleRow[], chain: readonly ChainLine[], gone: readonly number[], close: () => void): HTMLElement[] {
  return [
    el('header', { class: 'detail-head' }, el('h2', {}, title), el('button', { class: 'close', 'data-testid': 'close-detail', title: 'close', click: close }, '×')),
    el('h3', {}, 'Lifecycle'),
    table('lifecycle', ['seq', 'time', 'type', 'phase', 'Ready', 'restarts', 'what happened'], rows.map(lifecycleRowView)),
    el('h3', {}, 'Why'),
    table('why', ['seq', 'time', 'actor', 'what happened'], chain.map(chainLineView)),
    gone.length > 0 && el('p', { class: 'note' }, `causes no longer in the log: ${gone.join(', ')}`),
  ].filter((x): x is HTMLElement => x !== false);
}

/** A practice exam under way: its clock and its tasks, each in its namespace; no check until `kubelab exam finish`. */
function examView(exam: Extract<LearnPanel['status'], { exam: unknown }>['exam'], lang: Lang): HTMLElement[] {
  const w = panelWords[lang];
  return [
    el('header', { class: 'learn-head' },
      el('h2', { 'data-testid': 'learn-title' }, exam.title),
      el('span', { class: 'exam-left', 'data-testid': 'exam-left' }, exam.left === null ? w.timeUp : w.left(exam.left))),
    el('ol', { class: 'exam-tasks' }, ...exam.tasks.map((t) => el('li', { 'data-testid': 'exam-task' }, `${t.title} (${w.namespace(t.namespace)})`))),
    el('p', { class: 'note' }, w.examNote),
  ];
}

export interface LearnHandlers {
  hint(n: number): void;
  lang(lang: Lang): void;
}

/** The scenario in progress: title, goal, each check (✓ or ✗ with its message), the hints revealed and the button for the next; nothing when none is in progress. */
export function learnView(panel: LearnPanel, h: LearnHandlers): HTMLElement[] {
  const s = panel.status;
  if (s.scenario === null) return 'exam' in s ? examView(s.exam, panel.lang) : [];
  const w = panelWords[panel.lang];
  const next = nextHint(panel);
  return [
    el('header', { class: 'learn-head' },
      el('h2', { 'data-testid': 'learn-title' }, s.title),
      el('span', { class: 'learn-langs' }, ...pageLanguages.map((l) => el('button', {
        class: l === panel.lang ? 'active' : '', 'data-testid': `learn-lang-${l}`, ...(l === panel.lang ? { disabled: '' } : { click: () => h.lang(l) }),
      }, l)))),
    el('p', { class: 'learn-goal', 'data-testid': 'learn-goal' }, s.goal),
    el('p', { class: 'note' }, w.namespace(s.namespace)),
    el('ul', { class: 'learn-checks' }, ...s.checks.map((c) => el('li', { class: c.ok ? 'check-ok' : 'check-failing', 'data-testid': `learn-check-${c.id}`, 'data-ok': String(c.ok) },
      el('span', { class: 'mark' }, c.ok ? '✓' : '✗'), el('span', {}, c.message)))),
    s.passed && el('p', { class: 'learn-passed', 'data-testid': 'learn-passed' }, w.passed),
    panel.hints.length > 0 && el('ol', { class: 'learn-hints' }, ...panel.hints.map((t) => el('li', { 'data-testid': 'learn-hint' }, t))),
    el('button', { class: 'learn-hint-button', 'data-testid': 'learn-hint-button', ...(next ? { click: () => h.hint(next) } : { disabled: '' }) },
      next ? w.hint(next, s.hints) : w.noMoreHints),
    panel.error !== undefined && el('p', { class: 'failed', 'data-testid': 'learn-error' }, panel.error),
  ].filter((x): x is HTMLElement => x !== false);
}
