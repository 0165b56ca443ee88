/**
 * SELECTOR cells: metav1.FormatLabelSelector ("<none>" when empty, "<error>" when invalid)
 * and labels.FormatLabels for plain label maps.
 */
import type { LabelSelector } from '../selectors/index.js';
import { formatLabelSelector, formatLabelSet, SelectorError } from '../selectors/index.js';

/** The text of a metav1.LabelSelector, with the given stand-in when it cannot be read. */
export function selectorText(selector: LabelSelector | undefined, whenInvalid: string): string {
  try {
    return formatLabelSelector(selector);
  } catch (e) {
    if (e instanceof SelectorError) return whenInvalid;
    throw e;
  }
}

/** metav1.FormatLabelSelector. */
export function selectorCell(selector: LabelSelector | undefined): string {
  return selectorText(selector, '<error>') || '<none>';
}

/** labels.FormatLabels. */
export function labelsCell(labels: Readonly<Record<string, string>> | undefined): string {
  return formatLabelSet(labels) || '<none>';
}
