/**
 * The scenario panel's model: the scenario in progress as the server checked it, the
 * language the page reads it in, and the hints revealed so far, one by one as the
 * learner asks for them. The server owns the checks; the page only keeps what it was
 * shown, and forgets the hints when another scenario starts.
 */
import type { Lang, LearnStatus } from '@kubelab/learn';

/** The page's languages, as the scenarios have them (a value import of @kubelab/learn would pull its file reading into the browser bundle). */
export const pageLanguages = ['en', 'ko'] as const satisfies readonly Lang[];

export interface LearnPanel {
  status: LearnStatus;
  lang: Lang;
  /** The hints revealed, in order: hint 1 first. */
  hints: string[];
  /** Why the last status could not be read; the last status stays shown. */
  error?: string;
}

export const noScenario: LearnPanel = { status: { scenario: null }, lang: 'en', hints: [] };

/** Whether the panel has anything to show: a scenario in progress, or a practice exam. */
export const panelShown = (panel: LearnPanel) => panel.status.scenario !== null || 'exam' in panel.status;

/** The panel with a new status: the hints stay while the scenario does. */
export function withStatus(panel: LearnPanel, status: LearnStatus): LearnPanel {
  return { ...panel, status, error: undefined, hints: status.scenario === panel.status.scenario ? panel.hints : [] };
}

/** The number of the hint the button reveals next; undefined when every hint is shown or no scenario is in progress. */
export function nextHint(panel: LearnPanel): number | undefined {
  const total = panel.status.scenario === null ? 0 : panel.status.hints;
  return panel.hints.length < total ? panel.hints.length + 1 : undefined;
}

export const panelWords = {
  en: {
    namespace: (ns: string) => `namespace ${ns}`,
    hint: (n: number, total: number) => `hint ${n}/${total}`,
    noMoreHints: 'no more hints (kubelab learn solve applies the solution)',
    passed: 'Every check passes: kubelab learn check tells what happened.',
    left: (left: string) => `${left} left`,
    timeUp: 'the time is up: kubelab exam finish scores it',
    examNote: 'The checks stay hidden until kubelab exam finish scores every task.',
  },
  ko: {
    namespace: (ns: string) => `네임스페이스 ${ns}`,
    hint: (n: number, total: number) => `힌트 ${n}/${total}`,
    noMoreHints: '힌트가 더 없습니다 (kubelab learn solve 가 정답을 적용합니다)',
    passed: '모든 검사를 통과했습니다. kubelab learn check 가 일어난 일을 알려 줍니다.',
    left: (left: string) => `${left} 남음`,
    timeUp: '시간이 끝났습니다: kubelab exam finish 가 채점합니다',
    examNote: 'kubelab exam finish 가 모든 과제를 채점할 때까지 검사는 보이지 않습니다.',
  },
} as const satisfies Record<Lang, unknown>;
