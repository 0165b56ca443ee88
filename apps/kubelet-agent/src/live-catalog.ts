/**
 * The catalog an agent pulls from: the lab's (deploy/images.yaml), a user catalog
 * file (--catalog-extra), and the images `kubelab image add` put in the NATS bucket,
 * which change while the agent runs. Lookups read `repositories`, so a pod created
 * after an addition pulls the added image without a restart.
 */
import { CatalogError, mergeCatalogs, parseUserCatalog, type CatalogRepository, type ImageCatalog } from '@kubelab/images';
import type { Logger } from 'pino';

export class LiveCatalog implements ImageCatalog {
  private merged: ImageCatalog;

  constructor(private readonly lab: ImageCatalog, private readonly fileAdditions: ImageCatalog, private readonly log: Logger) {
    this.merged = mergeCatalogs(lab, fileAdditions);
  }

  get repositories(): readonly CatalogRepository[] {
    return this.merged.repositories;
  }

  /** The bucket's entries as they are now; an entry that is no valid user catalog is logged and left out. */
  useAddedImages(entries: ReadonlyMap<string, unknown>): void {
    const added: ImageCatalog[] = [];
    for (const [key, entry] of entries) {
      try {
        added.push(parseUserCatalog({ repositories: [entry] }, this.lab));
      } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        this.log.warn({ key, problems: error.problems }, 'added image ignored');
      }
    }
    this.merged = mergeCatalogs(this.lab, this.fileAdditions, ...added);
    this.log.info({ added: added.length }, 'image catalog updated');
  }
}
