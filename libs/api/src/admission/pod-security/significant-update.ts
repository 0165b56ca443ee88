/**
 * pod-security-admission's isSignificantPodUpdate: a pod's spec is mostly immutable, so an update
 * is judged again only when it can change the verdict (an image, the alpha seccomp annotations,
 * the number of containers, an ephemeral container added or changed); metadata-only and other
 * updates always pass.
 */
import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';
import type { Pod } from '../../typed-objects.js';

const podSeccompAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerSeccompAnnotation = (name: string) => `container.seccomp.security.alpha.kubernetes.io/${name}`;

function containerChanged(next: Container | EphemeralContainer | undefined, previous: Container | EphemeralContainer | undefined, annotations: Record<string, string>, previousAnnotations: Record<string, string>): boolean {
  if ((next?.image ?? '') !== (previous?.image ?? '')) return true;
  const key = containerSeccompAnnotation(next?.name ?? '');
  return annotations[key] !== previousAnnotations[key];
}

/** Whether the update of `previous` to `next` is one PodSecurity evaluates. */
export function isSignificantPodUpdate(next: Pod, previous: Pod): boolean {
  const annotations = next.metadata.annotations ?? {};
  const previousAnnotations = previous.metadata.annotations ?? {};
  if (annotations[podSeccompAnnotation] !== previousAnnotations[podSeccompAnnotation]) return true;
  const lists = ['containers', 'initContainers'] as const;
  for (const list of lists) {
    const now: Container[] = next.spec?.[list] ?? [];
    const before: Container[] = previous.spec?.[list] ?? [];
    if (now.length !== before.length) return true;
    if (now.some((c, i) => containerChanged(c, before[i], annotations, previousAnnotations))) return true;
  }
  const before: EphemeralContainer[] = previous.spec?.ephemeralContainers ?? [];
  return (next.spec?.ephemeralContainers ?? []).some((c) => {
    const old = before.find((o) => o?.name === c?.name);
    return old === undefined || containerChanged(c, old, annotations, previousAnnotations);
  });
}
