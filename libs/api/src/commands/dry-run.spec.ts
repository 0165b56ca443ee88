import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';
import { created, deleted, modified } from './change.js';
import type { Command } from './command.js';
import { isDryRun, unstoredObject } from './dry-run.js';

const pods = resourceTypes.find((t) => t.kind === 'Pod')!;
const pod = (resourceVersion?: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1', ...(resourceVersion ? { resourceVersion } : {}), ...extra }, spec: {},
});

describe('isDryRun', () => {
  it('reads the options of writes, deletes and bindings; a command without options is a real write', () => {
    const target = { resource: pods, namespace: 'default', name: 'web' };
    const commands: [Command, boolean][] = [
      [{ type: 'Create', resource: pods, namespace: 'default', body: pod(), options: { fieldValidation: 'Warn', dryRun: true } }, true],
      [{ type: 'Patch', ...target, patchType: 'merge', patch: {}, options: { fieldValidation: 'Warn', dryRun: false } }, false],
      [{ type: 'Delete', ...target, options: { dryRun: true } }, true],
      [{ type: 'Evict', ...target, options: {} }, false],
      [{ type: 'Bind', ...target, nodeName: 'node-1', options: { dryRun: true } }, true],
      [{ type: 'Bind', ...target, nodeName: 'node-1' }, false],
    ];
    for (const [command, expected] of commands) expect(isDryRun(command), command.type).toBe(expected);
  });
});

describe('unstoredObject', () => {
  it('answers a create without a resourceVersion, even one the body carried', () => {
    expect(unstoredObject(created(pods, pod('99'))).metadata).toEqual({ name: 'web', namespace: 'default', uid: 'u1' });
  });

  it('answers an update and a graceful delete with the resourceVersion the object has now', () => {
    const update = unstoredObject(modified(pods, pod('7', { labels: { tier: 'web' } }), pod('7')));
    expect(update.metadata).toEqual({ name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7', labels: { tier: 'web' } });
    const terminating = unstoredObject(modified(pods, pod(undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' }), pod('12')));
    expect(terminating.metadata.resourceVersion).toBe('12');
  });

  it('answers a delete with the object as it is, and leaves the change untouched', () => {
    const change = deleted(pods, pod('5'));
    expect(unstoredObject(change)).toEqual(pod('5'));
    expect(unstoredObject(change)).not.toBe(change.object);
  });
});
