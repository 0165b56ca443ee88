/**
 * `kubelab image add` and `kubelab image list`: learners' own images, added the way
 * `kind load` adds them. An addition is written to the lab's user catalog
 * (<data dir>/images.yaml, which `kubelab up` publishes on every start) and, when
 * the lab runs, put in the NATS bucket its agents follow, so pods pull it at once.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketReplicas, imageAdditionKey, imageAdditions, natsServers, putImageAddition } from '@kubelab/bus';
import {
  type CatalogRepository, type ImageCatalog, mergeCatalogs, parseCatalog, parseUserCatalog, type UserImageEntry, type UserImageRequest,
  userImageEntry, userImageReference, withUserImage,
} from '@kubelab/images';
import { alignColumns } from '@kubelab/shell';
import { connect, type ConnectionOptions } from 'nats';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** The user catalog of a lab's data dir. */
export const userCatalogFile = (dataDir: string) => join(dataDir, 'images.yaml');

/** The lab's own catalog, deploy/images.yaml of the checkout. */
export function readLabCatalog(root: string): ImageCatalog {
  return parseCatalog(parseYaml(readFileSync(join(root, 'deploy/images.yaml'), 'utf8')));
}

/** The user catalog document as written (undefined when there is none). */
function readUserDocument(dataDir: string): unknown {
  const file = userCatalogFile(dataDir);
  return existsSync(file) ? parseYaml(readFileSync(file, 'utf8')) : undefined;
}

/**
 * The entries of the data dir's user catalog, checked against the lab's catalog (read only when there are entries to
 * check: parsing it is a tenth of a second of every start); a CatalogError names the file's mistakes.
 */
export function readUserEntries(dataDir: string, lab: () => ImageCatalog): unknown[] {
  const doc = readUserDocument(dataDir);
  if (doc === undefined) return [];
  parseUserCatalog(doc, lab());
  return (doc as { repositories: unknown[] }).repositories;
}

/** Adds the image to the user catalog file; returns the entry to publish. */
export function addUserImage(dataDir: string, lab: ImageCatalog, request: UserImageRequest): UserImageEntry {
  const entry = userImageEntry(request, lab);
  const doc = withUserImage(readUserDocument(dataDir), entry);
  parseUserCatalog(doc, lab);
  const file = userCatalogFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `# Images added with kubelab image add (the user catalog; deploy/images.yaml documents the form).\n${stringifyYaml(doc)}`);
  renameSync(temporary, file);
  return entry;
}

/**
 * Puts user-catalog entries in the lab's bucket, one key per tag, so agents pick them up.
 * With `replace` (a lab starting) the bucket then holds exactly these: an image taken out
 * of the file is gone from the lab too.
 */
export async function publishUserImages(natsUrl: string, entries: readonly unknown[], options: { replace: boolean }, natsOptions: Partial<ConnectionOptions> = {}): Promise<void> {
  const nc = await connect({ servers: natsServers(natsUrl), name: 'kubelab-images', ...natsOptions });
  try {
    const kv = await imageAdditions(nc, bucketReplicas(natsUrl));
    const tagged = entries.flatMap(singleTagEntries);
    for (const entry of tagged) await putImageAddition(kv, userImageReference(entry), entry);
    if (!options.replace) return;
    const wanted = new Set(tagged.map((entry) => imageAdditionKey(userImageReference(entry))));
    const stale: string[] = [];
    for await (const key of await kv.keys()) if (!wanted.has(key)) stale.push(key);
    for (const key of stale) await kv.delete(key);
  } finally {
    await nc.close();
  }
}

/** A repository entry of many tags as one entry per tag (the bucket's unit). */
function singleTagEntries(entry: unknown): UserImageEntry[] {
  const { name, tags, ...rest } = entry as { name: string; tags: unknown[] };
  return tags.map((tag) => ({ ...rest, name, tags: [typeof tag === 'string' ? { tag } : tag] }) as unknown as UserImageEntry);
}

/** The table `kubelab image list` prints: every repository, or every tag of one. */
export function imageTable(lab: ImageCatalog, added: ImageCatalog, repository?: string): string[] {
  const catalog = mergeCatalogs(lab, added);
  const addedNames = new Set(added.repositories.map((r) => r.name));
  if (repository !== undefined) {
    const found = catalog.repositories.find((r) => r.name === repository || shortName(r.name) === repository);
    if (!found) return [];
    return table([
      ['TAG', 'SIZE', 'PULL', 'PORTS'],
      ...found.images.map((image) => [image.tags.join(', '), megabytes(image.sizeBytes), `${image.pullSeconds}s`, ports(image.behaviour.listens)]),
      ...found.tagSets.map((set) => [set.pattern.source, megabytes(set.sizeBytes), `${set.pullSeconds}s`, ports(set.behaviour.listens)]),
    ]);
  }
  return table([
    ['REPOSITORY', 'SIZE', 'PORTS', 'TAGS'],
    ...catalog.repositories.map((r) => [`${shortName(r.name)}${addedNames.has(r.name) ? ' (added)' : ''}`, megabytes(firstSize(r)), ports(firstPorts(r)), tagSummary(r)]),
  ]);
}

/** A name as `docker pull` writes it: nginx for docker.io/library/nginx. */
const shortName = (name: string) => name.replace(/^docker\.io\/(library\/)?/, '');
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)}MB`;
const ports = (listens: readonly number[]) => (listens.length === 0 ? '-' : listens.join(','));
const firstSize = (r: CatalogRepository) => r.images[0]?.sizeBytes ?? r.tagSets[0]?.sizeBytes ?? 0;
const firstPorts = (r: CatalogRepository) => r.images[0]?.behaviour.listens ?? r.tagSets[0]?.behaviour.listens ?? [];

function tagSummary(r: CatalogRepository): string {
  const tags = [...r.images.flatMap((image) => image.tags), ...r.tagSets.map((set) => set.pattern.source)];
  return `${tags.slice(0, 3).join(', ')}${tags.length > 3 ? ` +${tags.length - 3} more` : ''}`;
}

/** Rows padded to the widest cell of each column but the last, three spaces apart. */
function table(rows: readonly string[][]): string[] {
  return alignColumns(rows).map((line) => line.trimEnd());
}
