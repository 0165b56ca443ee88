/** The wide CONTAINERS and IMAGES cells of workload printers (layoutContainerCells). */
import type { Container } from 'kubernetes-types/core/v1';

/** Container names and images, each comma-joined in template order. */
export function containerCells(containers: readonly Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
