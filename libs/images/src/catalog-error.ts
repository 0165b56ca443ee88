/**
 * Why an image catalog was refused: every problem found, each as `path: what is
 * wrong`, so whoever edits deploy/images.yaml can fix them all in one go.
 */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid image catalog:\n  ${problems.join('\n  ')}`);
  }
}
