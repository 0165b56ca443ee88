/**
 * The garbage collector's graph (Kubernetes' GraphBuilder, reduced): every object by
 * uid, and for every owner uid — present or not — the objects that name it in their
 * ownerReferences. The shell keeps it up to date from its informers and asks about
 * one uid at a time instead of scanning everything.
 */
import type { KubeObject } from '@kubelab/api';

const ownerUidsOf = (obj: KubeObject): string[] => (obj.metadata.ownerReferences ?? []).map((ref) => ref.uid);

/** Objects by uid and dependents by owner uid. */
export class OwnerIndex {
  private readonly objects = new Map<string, KubeObject>();
  private readonly dependents = new Map<string, Set<string>>();

  /** An index of these objects. */
  static of(objects: readonly KubeObject[]): OwnerIndex {
    const index = new OwnerIndex();
    for (const obj of objects) index.upsert(obj);
    return index;
  }

  /** Adds or replaces an object (its owner references may have changed). */
  upsert(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    this.unlink(uid);
    this.objects.set(uid, obj);
    for (const owner of ownerUidsOf(obj)) {
      const set = this.dependents.get(owner) ?? new Set<string>();
      set.add(uid);
      this.dependents.set(owner, set);
    }
  }

  /** Forgets an object that was deleted. */
  remove(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    this.unlink(uid);
    this.objects.delete(uid);
  }

  /** The object with this uid, if it exists. */
  get(uid: string): KubeObject | undefined {
    return this.objects.get(uid);
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): KubeObject[] {
    return [...(this.dependents.get(uid) ?? [])].flatMap((dependent) => this.objects.get(dependent) ?? []);
  }

  /** Every object in the index. */
  all(): KubeObject[] {
    return [...this.objects.values()];
  }

  private unlink(uid: string): void {
    const previous = this.objects.get(uid);
    if (!previous) return;
    for (const owner of ownerUidsOf(previous)) {
      const set = this.dependents.get(owner);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(owner);
    }
  }
}
