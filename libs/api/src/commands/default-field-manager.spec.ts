import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { managerFromUserAgent, withDefaultFieldManager } from './default-field-manager.js';

describe('the manager of a write without fieldManager', () => {
  it.each([
    ['kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07', 'kubectl'],
    ['kube-controller-manager/v1.32.0', 'kube-controller-manager'],
    ['curl', 'curl'],
    ['a\u0007b/1', 'ab'],
    [`${'x'.repeat(200)}/1`, 'x'.repeat(128)],
  ])('%s is recorded as %s', (agent, manager) => {
    expect(managerFromUserAgent(agent)).toBe(manager);
  });

  it('fills in updates but leaves named managers and applies alone', () => {
    const base = { resource: {} as never, namespace: 'default', name: 'web', options: { fieldValidation: 'Strict' as const } };
    const patch: Command = { type: 'Patch', patchType: 'merge', patch: {}, ...base };
    expect((withDefaultFieldManager(patch, 'kubectl/v1.32') as { options: { fieldManager?: string } }).options.fieldManager).toBe('kubectl');
    const named: Command = { ...patch, options: { ...base.options, fieldManager: 'me' } };
    expect(withDefaultFieldManager(named, 'kubectl/v1.32')).toBe(named);
    const applyPatch: Command = { ...patch, patchType: 'apply' };
    expect(withDefaultFieldManager(applyPatch, 'kubectl/v1.32')).toBe(applyPatch);
  });
});
