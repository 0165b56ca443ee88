import { describe, expect, it } from 'vitest';
import { applyConflictError } from './conflict-status.js';
import { identityOf } from './managers.js';

const path = (...fields: string[]) => fields.map((field) => ({ field }));
const csa = identityOf({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1' });
const scale = identityOf({ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' });
const applier = identityOf({ manager: 'a', operation: 'Apply', apiVersion: 'apps/v1' });

describe('applyConflictError', () => {
  it('words one conflict as kube-apiserver does, with a FieldManagerConflict cause', () => {
    const error = applyConflictError([{ manager: csa, path: path('spec', 'replicas') }]);
    expect(error.status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 409, reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
    });
  });

  it.each<[string, { manager: string; path: { field: string }[] }[], string]>([
    ['a scale subresource manager', [{ manager: scale, path: path('spec', 'replicas') }], 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas'],
    ['an applier', [{ manager: applier, path: path('data', 'x') }], 'Apply failed with 1 conflict: conflict with "a": .data.x'],
    [
      'several conflicts grouped by manager, managers sorted',
      [{ manager: csa, path: path('spec', 'replicas') }, { manager: applier, path: path('spec', 'paused') }, { manager: csa, path: path('spec', 'template') }],
      'Apply failed with 3 conflicts: conflicts with "a":\n- .spec.paused\nconflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template',
    ],
  ])('words %s', (_name, conflicts, message) => {
    expect(applyConflictError(conflicts).message).toBe(message);
  });
});
