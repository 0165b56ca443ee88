/** What makes an init container a sidecar, on its own so that the phase and condition rules need nothing else of the pod spec. */
import type { Container } from 'kubernetes-types/core/v1';

/** A restartable init container (restartPolicy Always): a sidecar (kubelet: IsRestartableInitContainer). */
export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}
