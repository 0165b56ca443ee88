/** Which containers a Pod Security check looks at (pod-security-admission's policy/visitor.go). */
import type { Container, EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1';

/** visitContainers: init containers, then containers, then ephemeral containers. */
export function containersOf(spec: PodSpec | undefined): (Container | EphemeralContainer)[] {
  const all: (Container | EphemeralContainer | null)[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
  return all.filter((c): c is Container | EphemeralContainer => c !== null && typeof c === 'object');
}

/** A pod that says it runs on Windows: the restricted checks Windows cannot honour let it pass. */
export function isWindowsPod(spec: PodSpec | undefined): boolean {
  return spec?.os?.name === 'windows';
}
