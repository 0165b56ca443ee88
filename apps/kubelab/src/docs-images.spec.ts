/**
 * The catalog keeps up with the documentation: every image that an example of the Kubernetes
 * documentation kept in e2e/fixtures/docs-examples names (applied by docs-examples.e2e.ts, or kept
 * for its images only) is in deploy/images.yaml, so a learner applying it sees the pull succeed as
 * on a cluster. When the documentation moves to a new image, copy the example into the fixtures:
 * this spec names what the catalog lacks.
 */
import { lookupImage } from '@kubelab/images';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readLabCatalog } from './images.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'apps/kubelab/e2e/fixtures/docs-examples');
const catalog = readLabCatalog(root);

/** The example files under the fixtures folder, by their path under content/en/examples. */
function exampleFiles(dir = fixtures): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return exampleFiles(path);
    return /\.ya?ml$/.test(entry.name) && path !== join(fixtures, 'index.yaml') ? [relative(fixtures, path)] : [];
  });
}

/** Every container image a document names, in a pod spec or a workload's template, at any depth. */
function imagesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(imagesOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => {
    if (['containers', 'initContainers', 'ephemeralContainers'].includes(key) && Array.isArray(field)) {
      return field.flatMap((c: unknown) => (typeof c === 'object' && c !== null && 'image' in c && typeof c.image === 'string' ? [c.image] : []));
    }
    return imagesOf(field);
  });
}

describe('the image catalog and the documentation\'s examples', () => {
  const files = exampleFiles();
  const index = parse(readFileSync(join(fixtures, 'index.yaml'), 'utf8')) as { examples: { file: string; before?: string[] }[]; imagesOnly: string[] };

  it('holds every image the examples pull', () => {
    const missing = files.flatMap((file) => {
      const documents = parseAllDocuments(readFileSync(join(fixtures, file), 'utf8')).map((d) => d.toJS() as unknown);
      return imagesOf(documents).filter((image) => !lookupImage(catalog, image).found).map((image) => `${image} (${file})`);
    });
    expect(missing).toEqual([]);
    expect(files.length).toBeGreaterThan(40);
  });

  it('knows every example file it reads: applied by the e2e, or kept for its images', () => {
    const listed = new Set([...index.examples.flatMap((e) => [e.file, ...(e.before ?? [])]), ...index.imagesOnly]);
    expect(files.filter((file) => !listed.has(file))).toEqual([]);
  });
});
