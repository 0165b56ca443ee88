/**
 * The lab's catalog with a user's additions on top (`kubelab image add`, a user
 * catalog file): a repository both name holds the additions' images first, so an
 * added tag wins over the lab's.
 */
import type { CatalogRepository, ImageCatalog } from './catalog-types.js';

/** `base` with every catalog of `additions` over it, the later ones winning. */
export function mergeCatalogs(base: ImageCatalog, ...additions: readonly ImageCatalog[]): ImageCatalog {
  const byName = new Map<string, CatalogRepository>(base.repositories.map((repository) => [repository.name, repository]));
  for (const addition of additions) {
    for (const repository of addition.repositories) {
      const known = byName.get(repository.name);
      byName.set(
        repository.name,
        known
          ? { name: repository.name, images: [...repository.images, ...known.images], tagSets: [...repository.tagSets, ...known.tagSets], loaded: repository.loaded && known.loaded }
          : repository,
      );
    }
  }
  return { repositories: [...byName.values()] };
}
