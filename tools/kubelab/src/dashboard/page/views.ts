/**
 * The page's views, built from the pure models: the board (node columns of pod
 * cards with their chaos buttons), the timeline rows, and a pod's detail panel.
 * Only DOM building here; what to show is decided in board.ts, timeline.ts and
 * pod-story.ts.
 */
import type { LogEntry } from '../../log-client.js';
import type { Board, NodeColumn, PodCard } from './board.js';
import { nodeActions, podActions, type NodeChaos, type PodChaos } from './chaos.js';
import { el } from './dom.js';
import type { ChainLine, LifecycleRow } from './pod-story.js';

export interface BoardHandlers {
  openPod(card: PodCard): void;
  nodeChaos(action: NodeChaos, node: string): void;
  podChaos(action: PodChaos, card: PodCard): void;
}

const clock = (time: string) => time.slice(11, 23);

function podCardView(card: PodCard, h: BoardHandlers, past: boolean): HTMLElement {
  const buttons = past ? [] : podActions.map((action) => el('button', {
    class: 'chaos', 'data-testid': `chaos-${action}-${card.name}`,
    click: (e) => {
      e.stopPropagation();
      h.podChaos(action, card);
    },
  }, action === 'crash' ? 'crash' : 'make unhealthy'));
  return el('div', { class: `card tone-${card.tone}`, 'data-testid': `pod-${card.name}`, 'data-status': card.status, click: () => h.openPod(card) },
    el('div', { class: 'card-name' }, card.name),
    el('div', { class: 'card-meta' },
      el('span', { 'data-testid': `pod-status-${card.name}` }, card.status),
      el('span', {}, `ready ${card.ready}`),
      el('span', {}, `restarts ${card.restarts}`)),
    card.namespace !== 'default' && el('div', { class: 'card-ns' }, card.namespace),
    buttons.length > 0 && el('div', { class: 'card-actions' }, ...buttons));
}

function nodeColumnView(column: NodeColumn, agent: string | undefined, h: BoardHandlers, past: boolean): HTMLElement {
  const buttons = past ? [] : nodeActions.map((action) => el('button', {
    class: 'chaos', 'data-testid': `chaos-${action}-${column.name}`, click: () => h.nodeChaos(action, column.name),
  }, action.replace('-agent', '')));
  return el('section', { class: `column tone-${column.tone}${column.cordoned ? ' cordoned' : ''}`, 'data-testid': `node-${column.name}`, 'data-status': column.status },
    el('header', {},
      el('h2', {}, column.name),
      el('span', { class: 'node-status', 'data-testid': `node-status-${column.name}` }, column.status),
      agent && el('span', { class: 'agent-state' }, `agent ${agent}`)),
    buttons.length > 0 && el('div', { class: 'column-actions' }, ...buttons),
    el('div', { class: 'cards' }, ...column.pods.map((p) => podCardView(p, h, past))));
}

export function boardView(board: Board, agents: ReadonlyMap<string, string>, h: BoardHandlers, past: boolean): HTMLElement[] {
  const pending = el('section', { class: 'column pending', 'data-testid': 'node-Pending' },
    el('header', {}, el('h2', {}, 'Pending')),
    el('div', { class: 'cards' }, ...board.pending.map((p) => podCardView(p, h, past))));
  return [...board.nodes.map((c) => nodeColumnView(c, agents.get(c.name), h, past)), pending];
}

export function timelineView(entries: readonly LogEntry[]): HTMLElement[] {
  return entries.map((e) => el('tr', { 'data-testid': 'timeline-row', 'data-seq': String(e.seq) },
    el('td', {}, String(e.seq)), el('td', {}, clock(e.time)), el('td', {}, e.type),
    el('td', {}, `${e.kind}/${e.namespace ? `${e.namespace}/` : ''}${e.name}`), el('td', {}, e.actor)));
}

const table = (head: string[], rows: HTMLElement[]) => el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows));

export function podDetailView(title: string, rows: readonly LifecycleRow[], chain: readonly ChainLine[], gone: readonly number[]): HTMLElement[] {
  return [
    el('h2', {}, title),
    el('h3', {}, 'Lifecycle'),
    table(['seq', 'time', 'type', 'phase', 'containers', 'restarts', 'Ready', 'what changed'], rows.map((r) => el('tr', { 'data-testid': 'lifecycle-row' },
      el('td', {}, String(r.seq)), el('td', {}, clock(r.time)), el('td', {}, r.type), el('td', {}, r.phase),
      el('td', {}, r.containers), el('td', {}, r.phase ? String(r.restarts) : ''), el('td', {}, r.ready), el('td', {}, r.summary)))),
    el('h3', {}, 'Why'),
    table(['seq', 'time', 'actor', 'object', 'what happened'], chain.map((l) => el('tr', { 'data-testid': 'why-row' },
      el('td', {}, String(l.seq)), el('td', {}, clock(l.time)), el('td', {}, l.actor), el('td', {}, l.object), el('td', {}, l.summary)))),
    gone.length > 0 && el('p', { class: 'note' }, `causes no longer in the log: ${gone.join(', ')}`),
  ].filter((x): x is HTMLElement => x !== false);
}
