/**
 * The 409 an apply gets when it would change fields other managers own, worded as
 * kube-apiserver's NewConflictError words it (internal/conflict.go): one conflict on
 * one line; several grouped by manager, managers sorted, one path per line.
 */
import { ApiError } from '../status.js';
import { pathToString } from './path-element.js';
import type { Conflict } from './updater.js';

/** The Status error for these conflicts; `managers` are identities as Managers keys them. */
export function applyConflictError(conflicts: readonly Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathToString(c.path) }));
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: conflictMessage(conflicts), reason: 'Conflict', details: { causes }, code: 409 });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathToString(conflicts[0].path)}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), pathToString(c.path)]);
  const lines = [...byManager.keys()].sort().flatMap((manager) => [`conflicts with ${printManager(manager)}:`, ...byManager.get(manager)!.map((p) => `- ${p}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** `"kubectl" with subresource "scale" using apps/v1` for an Update; just `"a"` for an Apply. */
function printManager(identity: string): string {
  const id = JSON.parse(identity) as { manager?: string; operation?: string; apiVersion?: string; subresource?: string };
  let text = JSON.stringify(id.manager ?? '');
  if (id.subresource) text += ` with subresource ${JSON.stringify(id.subresource)}`;
  return id.operation === 'Update' ? `${text} using ${id.apiVersion ?? ''}` : text;
}
