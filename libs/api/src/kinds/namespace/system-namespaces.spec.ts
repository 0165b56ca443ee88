import { describe, expect, it } from 'vitest';
import { missingSystemNamespaces, systemNamespaces } from './system-namespaces.js';

describe('missingSystemNamespaces', () => {
  it('asks for nothing while all four exist, Terminating or not', () => {
    expect(missingSystemNamespaces(() => true)).toEqual([]);
  });

  it('asks for each system namespace that is gone, and for no other', () => {
    const present = new Set(['default', 'kube-system', 'kube-public', 'team-a']);
    expect(missingSystemNamespaces((name) => present.has(name))).toEqual(['kube-node-lease']);
    expect(missingSystemNamespaces(() => false)).toEqual(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
    expect(systemNamespaces).not.toContain('team-a');
  });
});
