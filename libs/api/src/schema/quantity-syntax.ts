/**
 * Whether text is a resource.Quantity Kubernetes would decode (`500m`, `1Gi`,
 * `1e3`), and if not, the error kube-apiserver answers with: decoding stops at
 * the first malformed quantity and the 400 reply carries this text alone.
 */

/** resource.ErrFormatWrong's text. */
export const quantityFormatError =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** resource.ErrSuffix's text. */
export const quantitySuffixError = "unable to parse quantity's suffix";

const shape = /^[+-]?\d*(?:\.\d*)?([eEinumkKMGTP]*[+-]?\d*)$/;
const suffixes = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

/** undefined for a valid quantity, else the Kubernetes error text. */
export function quantitySyntaxError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return quantityFormatError;
  const match = shape.exec(trimmed);
  if (!match) return quantityFormatError;
  const suffix = match[1];
  return suffixes.has(suffix) || /^[eE][+-]?\d+$/.test(suffix) ? undefined : quantitySuffixError;
}
