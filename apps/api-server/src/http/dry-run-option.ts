/** The `dryRun` option of a write, read and validated as kube-apiserver's ValidateDryRun does. */
import { badRequest, invalid, type FieldError } from '@kubelab/api';

/** The options object a write's dryRun came in; kube-apiserver names it in its 422. */
export type WriteOptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

const supported = 'All';

/** Go's %#v of a []string, as kube-apiserver prints the refused value: `[]string{"x"}`. */
const goStrings = (values: readonly string[]) => `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;

/**
 * Whether a write is a dry run, from its dryRun values: none (absent) is a real write, "All" (the
 * only value kube-apiserver supports, kubectl's --dry-run=server) a dry run, anything else a 422
 * `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"x"}: supported values: "All"`.
 */
export function dryRunOf(values: readonly string[], kind: WriteOptionsKind): boolean {
  if (values.length === 0) return false;
  if (values.every((v) => v === supported)) return true;
  const cause: FieldError = { type: 'FieldValueNotSupported', field: 'dryRun', message: `Unsupported value: ${goStrings(values)}: supported values: "${supported}"` };
  throw invalid(kind, 'meta.k8s.io', '', [cause]);
}

/** dryRun from the query: `?dryRun=All` (an empty `?dryRun=` is a value too, and refused). */
export function dryRunQuery(query: Readonly<{ dryRun?: string }>, kind: WriteOptionsKind): boolean {
  return dryRunOf(query.dryRun === undefined ? [] : [query.dryRun], kind);
}

/** dryRun from a DeleteOptions body (kubectl delete --dry-run=server sends `"dryRun":["All"]`), a list of strings. */
export function dryRunList(value: unknown, kind: WriteOptionsKind): boolean {
  if (value === undefined || value === null) return false;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badRequest(`${kind}.dryRun must be a list of strings, e.g. ["All"]`);
  }
  return dryRunOf(value, kind);
}
