/**
 * `resource-versions`: the resourceVersion an event leaves on its object is the event's
 * seq (the api-server's contract with watchers and optimistic concurrency), so the
 * versions of one object strictly increase. Kept per live object.
 */
import type { KubeObject } from '@kubelab/api';
import type { LogEntry } from '@kubelab/event-log';
import { describeObject, Failures, isRemoval, objectKeyOf, type Invariant, type InvariantResult } from './invariant.js';

interface Version {
  version: number;
  seq: number;
}

export class ResourceVersions implements Invariant {
  readonly id = 'resource-versions';
  readonly title = "each event's object has resourceVersion = seq, increasing per object";
  private readonly versions = new Map<string, Version>();
  private readonly failures = new Failures();
  private entries = 0;

  seed(object: KubeObject, horizon: number): void {
    const version = Number(object.metadata.resourceVersion ?? horizon);
    this.versions.set(objectKeyOf(object.kind!, object.metadata.namespace ?? '', object.metadata.name!), { version, seq: version });
  }

  add(e: LogEntry): void {
    this.entries++;
    const key = objectKeyOf(e.kind, e.namespace, e.name);
    const what = describeObject(e.kind, e.namespace, e.name);
    const text: unknown = e.object?.metadata?.resourceVersion;
    const version = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined;
    if (text !== String(e.seq)) this.failures.push(`${what} at seq ${e.seq} has resourceVersion ${JSON.stringify(text ?? null)}, not "${e.seq}"`, [e.seq]);
    const before = this.versions.get(key);
    const backwards = before !== undefined && version !== undefined && version <= before.version;
    if (backwards) {
      this.failures.push(`${what}'s resourceVersion went from ${before.version} (seq ${before.seq}) to ${version} (seq ${e.seq}): it must increase`, [before.seq, e.seq]);
    }
    if (isRemoval(e.type)) this.versions.delete(key);
    else if (version !== undefined && !backwards) this.versions.set(key, { version, seq: e.seq });
  }

  result(): InvariantResult {
    return { id: this.id, title: this.title, pass: this.failures.empty, checked: this.entries, failures: this.failures.all() };
  }
}
