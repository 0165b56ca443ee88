/**
 * Validates the image catalog document (deploy/images.yaml after YAML parsing) and
 * resolves it into fully defaulted values: repository names normalised as image
 * references, tag settings layered over their repository's, digests filled in.
 */
import type { CatalogImage, CatalogRepository, ImageCatalog } from './catalog-types.js';
import { CatalogError } from './catalog-error.js';
import { type Fields, type Problems, readList, readNumber, readObject, readString, readStringList, show } from './catalog-fields.js';
import { fakeDigest } from './fake-digest.js';
import { parseImageReference } from './image-reference.js';
import { InvalidImageNameError } from './invalid-image-name-error.js';
import { type BehaviourPatch, completeBehaviour, mergeBehaviour, parseBehaviourPatch } from './parse-behaviour.js';

/** Size and pull time are undefined when not written, null when written wrong (already reported). */
interface ImageSettings {
  readonly sizeBytes: number | null | undefined;
  readonly pullSeconds: number | null | undefined;
  readonly behaviour: BehaviourPatch;
}

const REPOSITORY_FIELDS = ['name', 'sizeBytes', 'pullSeconds', 'behaviour', 'tags'];
const TAG_FIELDS = ['tag', 'aliases', 'digest', 'sizeBytes', 'pullSeconds', 'behaviour'];
const SIZE_BYTES = { integer: true, min: 0 };
const PULL_SECONDS = { min: 0 };
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The catalog, or a CatalogError listing every problem as `path: what is wrong`. */
export function parseCatalog(doc: unknown): ImageCatalog {
  const problems: Problems = [];
  const root = readObject(doc, 'catalog', problems, ['repositories']);
  if (root && root.repositories === undefined) problems.push('repositories: is required');
  const list = root?.repositories === undefined ? [] : (readList(root.repositories, 'repositories', problems) ?? []);
  const repositories: CatalogRepository[] = [];
  list.forEach((raw, index) => {
    const repository = parseRepository(raw, index, problems);
    if (!repository) return;
    if (repositories.some((known) => known.name === repository.name)) problems.push(`repositories[${index}].name: duplicate repository ${repository.name}`);
    else repositories.push(repository);
  });
  if (problems.length > 0) throw new CatalogError(problems);
  return { repositories };
}

function parseRepository(raw: unknown, index: number, problems: Problems): CatalogRepository | undefined {
  const fields = readObject(raw, `repositories[${index}]`, problems, REPOSITORY_FIELDS);
  if (!fields) return undefined;
  const written = readString(fields, 'name', `repositories[${index}]`, problems, true);
  const name = written === undefined ? undefined : repositoryName(written, `repositories[${index}].name`, problems);
  const path = name === undefined ? `repositories[${index}]` : `repositories[${written}]`;
  const settings = readSettings(fields, path, problems);
  const tags = fields.tags === undefined ? undefined : readList(fields.tags, `${path}.tags`, problems);
  if (fields.tags === undefined || tags?.length === 0) problems.push(`${path}.tags: must list at least one tag`);
  if (name === undefined || !tags) return undefined;

  const images: CatalogImage[] = [];
  tags.forEach((entry, tagIndex) => {
    const image = parseImage(entry, `${path}.tags`, tagIndex, name, settings, problems);
    if (image) addImage(images, image, `${path}.tags[${image.tags[0]}]`, problems);
  });
  return { name, images };
}

/** The normalised name (`docker.io/library/nginx`) of a repository written without tag or digest. */
function repositoryName(written: string, path: string, problems: Problems): string | undefined {
  const lastComponent = written.slice(written.lastIndexOf('/') + 1);
  if (written.includes('@') || lastComponent.includes(':')) {
    problems.push(`${path}: must name a repository without a tag or digest, got ${show(written)}`);
    return undefined;
  }
  try {
    return parseImageReference(written).name;
  } catch (error) {
    if (!(error instanceof InvalidImageNameError)) throw error;
    problems.push(`${path}: ${error.detail}`);
    return undefined;
  }
}

function readSettings(fields: Fields, path: string, problems: Problems): ImageSettings {
  const written = (key: string, value: number | undefined) => (fields[key] === undefined ? undefined : (value ?? null));
  return {
    sizeBytes: written('sizeBytes', readNumber(fields, 'sizeBytes', path, problems, SIZE_BYTES)),
    pullSeconds: written('pullSeconds', readNumber(fields, 'pullSeconds', path, problems, PULL_SECONDS)),
    behaviour: parseBehaviourPatch(fields.behaviour, `${path}.behaviour`, problems),
  };
}

/** One `tags` entry: a bare tag string, or a mapping adjusting the repository's settings. */
function parseImage(
  entry: unknown,
  tagsPath: string,
  index: number,
  repository: string,
  inherited: ImageSettings,
  problems: Problems,
): CatalogImage | undefined {
  const path = `${tagsPath}[${index}]`;
  if (typeof entry !== 'object' || entry === null) {
    const tag = checkTag(entry, path, problems);
    return completeImage([tag], undefined, inherited, repository, `${tagsPath}[${tag ?? index}]`, problems);
  }
  const fields = readObject(entry, path, problems, TAG_FIELDS);
  if (!fields) return undefined;
  if (fields.tag === undefined) problems.push(`${path}.tag: is required`);
  const tag = fields.tag === undefined ? undefined : checkTag(fields.tag, `${path}.tag`, problems);
  const at = `${tagsPath}[${tag ?? index}]`;
  const aliases = (readStringList(fields, 'aliases', at, problems) ?? []).map((alias, aliasIndex) => checkTag(alias, `${at}.aliases[${aliasIndex}]`, problems));
  const digest = readString(fields, 'digest', at, problems);
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) problems.push(`${at}.digest: must be "sha256:" followed by 64 lowercase hex digits, got ${show(digest)}`);
  const own = readSettings(fields, at, problems);
  const settings: ImageSettings = {
    sizeBytes: own.sizeBytes === undefined ? inherited.sizeBytes : own.sizeBytes,
    pullSeconds: own.pullSeconds === undefined ? inherited.pullSeconds : own.pullSeconds,
    behaviour: mergeBehaviour(inherited.behaviour, own.behaviour),
  };
  return completeImage([tag, ...aliases], digest, settings, repository, at, problems);
}

function completeImage(
  tags: readonly (string | undefined)[],
  digest: string | undefined,
  settings: ImageSettings,
  repository: string,
  path: string,
  problems: Problems,
): CatalogImage | undefined {
  const { sizeBytes, pullSeconds } = settings;
  if (sizeBytes === undefined) problems.push(`${path}: sizeBytes is required (on the tag or on its repository)`);
  if (pullSeconds === undefined) problems.push(`${path}: pullSeconds is required (on the tag or on its repository)`);
  const [primary] = tags;
  if (primary === undefined || tags.includes(undefined) || typeof sizeBytes !== 'number' || typeof pullSeconds !== 'number') return undefined;
  return {
    tags: tags as string[],
    digest: digest ?? fakeDigest(`${repository}:${primary}`),
    sizeBytes,
    pullSeconds,
    behaviour: completeBehaviour(settings.behaviour),
  };
}

function checkTag(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value === 'number') {
    problems.push(`${path}: must be a string; quote version-like tags such as "1.25", got ${show(value)}`);
    return undefined;
  }
  if (typeof value === 'string' && TAG.test(value)) return value;
  problems.push(`${path}: must be a tag of letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-"), got ${show(value)}`);
  return undefined;
}

/** Adds an image unless one of its tags or its digest is already taken in the repository. */
function addImage(images: CatalogImage[], image: CatalogImage, path: string, problems: Problems): void {
  const clashes = image.tags.filter((tag, index) => image.tags.indexOf(tag) !== index || images.some((known) => known.tags.includes(tag)));
  for (const tag of clashes) problems.push(`${path}: duplicate tag ${show(tag)}`);
  const sameDigest = images.find((known) => known.digest === image.digest);
  if (sameDigest) problems.push(`${path}: digest ${image.digest} already belongs to tag ${show(sameDigest.tags[0])}; list both tags as aliases of one entry`);
  if (clashes.length === 0 && !sameDigest) images.push(image);
}
