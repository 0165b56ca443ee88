/**
 * Validates the image catalog document (deploy/images.yaml after YAML parsing) and
 * resolves it into fully defaulted values: repository names normalised as image
 * references, bases and `like` images applied, tag settings layered over their
 * repository's, tag patterns compiled, digests filled in.
 */
import type { CatalogImage, CatalogRepository, CatalogTagSet, ImageCatalog } from './catalog-types.js';
import { CatalogError } from './catalog-error.js';
import { type Fields, type Problems, readList, readNumber, readObject, readString, readStringList, show } from './catalog-fields.js';
import { fakeDigest } from './fake-digest.js';
import { parseImageReference } from './image-reference.js';
import { InvalidImageNameError } from './invalid-image-name-error.js';
import { lookupImage } from './lookup-image.js';
import { type Bases, type BehaviourPatch, completeBehaviour, mergeBehaviour, parseBehaviourPatch } from './parse-behaviour.js';
import { isTagPattern, parseTagPattern } from './tag-pattern.js';

/** What a catalog may refer to outside itself. */
export interface CatalogContext {
  /** The catalog `like:` entries copy images from (a user catalog's additions are like the lab's images). */
  readonly like?: ImageCatalog;
}

/** Size and pull time are undefined when not written, null when written wrong (already reported). */
interface ImageSettings {
  readonly sizeBytes: number | null | undefined;
  readonly pullSeconds: number | null | undefined;
  readonly behaviour: BehaviourPatch;
}

const REPOSITORY_FIELDS = ['name', 'like', 'sizeBytes', 'pullSeconds', 'behaviour', 'tags'];
const TAG_FIELDS = ['tag', 'aliases', 'digest', 'like', 'sizeBytes', 'pullSeconds', 'behaviour'];
const SIZE_BYTES = { integer: true, min: 0 };
const PULL_SECONDS = { min: 0 };
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The catalog, or a CatalogError listing every problem as `path: what is wrong`. */
export function parseCatalog(doc: unknown, context: CatalogContext = {}): ImageCatalog {
  const problems: Problems = [];
  const root = readObject(doc, 'catalog', problems, ['bases', 'repositories']);
  if (root && root.repositories === undefined) problems.push('repositories: is required');
  const bases = parseBases(root?.bases, problems);
  const list = root?.repositories === undefined ? [] : (readList(root.repositories, 'repositories', problems) ?? []);
  const repositories: CatalogRepository[] = [];
  list.forEach((raw, index) => {
    const repository = parseRepository(raw, index, { problems, bases, like: context.like });
    if (!repository) return;
    if (repositories.some((known) => known.name === repository.name)) problems.push(`repositories[${index}].name: duplicate repository ${repository.name}`);
    else repositories.push(repository);
  });
  if (problems.length > 0) throw new CatalogError(problems);
  return { repositories };
}

/** What parsing one repository needs besides its own fields. */
interface Parsing {
  readonly problems: Problems;
  readonly bases: Bases;
  readonly like: ImageCatalog | undefined;
}

/** `bases:` a mapping of names to behaviour blocks; a base may start from one written above it. */
function parseBases(value: unknown, problems: Problems): Bases {
  const bases = new Map<string, BehaviourPatch>();
  if (value === undefined) return bases;
  for (const [name, block] of Object.entries(readObject(value, 'bases', problems) ?? {})) bases.set(name, parseBehaviourPatch(block, `bases.${name}`, problems, bases));
  return bases;
}

function parseRepository(raw: unknown, index: number, parsing: Parsing): CatalogRepository | undefined {
  const { problems } = parsing;
  const fields = readObject(raw, `repositories[${index}]`, problems, REPOSITORY_FIELDS);
  if (!fields) return undefined;
  const written = readString(fields, 'name', `repositories[${index}]`, problems, true);
  const name = written === undefined ? undefined : repositoryName(written, `repositories[${index}].name`, problems);
  const path = name === undefined ? `repositories[${index}]` : `repositories[${written}]`;
  const settings = readSettings(fields, path, parsing, EMPTY_SETTINGS);
  const tags = fields.tags === undefined ? undefined : readList(fields.tags, `${path}.tags`, problems);
  if (fields.tags === undefined || tags?.length === 0) problems.push(`${path}.tags: must list at least one tag`);
  if (name === undefined || !tags) return undefined;

  const images: CatalogImage[] = [];
  const tagSets: CatalogTagSet[] = [];
  tags.forEach((entry, tagIndex) => {
    const parsed = parseImage(entry, `${path}.tags`, tagIndex, name, settings, parsing);
    if (parsed && 'pattern' in parsed) tagSets.push(parsed);
    else if (parsed) addImage(images, parsed, `${path}.tags[${parsed.tags[0]}]`, problems);
  });
  return { name, images, tagSets, loaded: parsing.like !== undefined };
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

const EMPTY_SETTINGS: ImageSettings = { sizeBytes: undefined, pullSeconds: undefined, behaviour: {} };

/**
 * The settings an entry writes, layered over `inherited`: first the image it is `like`
 * (which replaces what was inherited), then its own size, pull time and behaviour.
 */
function readSettings(fields: Fields, path: string, parsing: Parsing, inherited: ImageSettings): ImageSettings {
  const { problems } = parsing;
  const written = (key: string, value: number | undefined) => (fields[key] === undefined ? undefined : (value ?? null));
  const start = fields.like === undefined ? inherited : likeSettings(readString(fields, 'like', path, problems), `${path}.like`, parsing);
  const sizeBytes = written('sizeBytes', readNumber(fields, 'sizeBytes', path, problems, SIZE_BYTES));
  const pullSeconds = written('pullSeconds', readNumber(fields, 'pullSeconds', path, problems, PULL_SECONDS));
  return {
    sizeBytes: sizeBytes === undefined ? start.sizeBytes : sizeBytes,
    pullSeconds: pullSeconds === undefined ? start.pullSeconds : pullSeconds,
    behaviour: mergeBehaviour(start.behaviour, parseBehaviourPatch(fields.behaviour, `${path}.behaviour`, problems, parsing.bases)),
  };
}

/** The settings of the image a `like:` reference names in the context's catalog. */
function likeSettings(reference: string | undefined, path: string, parsing: Parsing): ImageSettings {
  if (reference === undefined) return EMPTY_SETTINGS;
  if (!parsing.like) {
    parsing.problems.push(`${path}: only a user catalog (added to the lab's catalog) can copy an image with like`);
    return EMPTY_SETTINGS;
  }
  try {
    const found = lookupImage(parsing.like, reference);
    if (found.found) return { sizeBytes: found.image.sizeBytes, pullSeconds: found.image.pullSeconds, behaviour: found.image.behaviour };
    parsing.problems.push(`${path}: ${show(reference)} is not in the lab's catalog (kubelab image list shows it)`);
  } catch (error) {
    if (!(error instanceof InvalidImageNameError)) throw error;
    parsing.problems.push(`${path}: ${error.detail}`);
  }
  return EMPTY_SETTINGS;
}

/** One `tags` entry: a bare tag (or pattern), or a mapping adjusting the repository's settings. */
function parseImage(
  entry: unknown,
  tagsPath: string,
  index: number,
  repository: string,
  inherited: ImageSettings,
  parsing: Parsing,
): CatalogImage | CatalogTagSet | undefined {
  const { problems } = parsing;
  const path = `${tagsPath}[${index}]`;
  if (typeof entry === 'string' && isTagPattern(entry)) return completeTagSet(entry, inherited, `${tagsPath}[${entry}]`, problems);
  if (typeof entry !== 'object' || entry === null) {
    const tag = checkTag(entry, path, problems);
    return completeImage([tag], undefined, inherited, repository, `${tagsPath}[${tag ?? index}]`, problems);
  }
  const fields = readObject(entry, path, problems, TAG_FIELDS);
  if (!fields) return undefined;
  if (fields.tag === undefined) problems.push(`${path}.tag: is required`);
  if (typeof fields.tag === 'string' && isTagPattern(fields.tag)) {
    const at = `${tagsPath}[${fields.tag}]`;
    for (const key of ['aliases', 'digest'].filter((name) => fields[name] !== undefined)) problems.push(`${at}.${key}: a tag pattern names many images, so it has no ${key}`);
    return completeTagSet(fields.tag, readSettings(fields, at, parsing, inherited), at, problems);
  }
  const tag = fields.tag === undefined ? undefined : checkTag(fields.tag, `${path}.tag`, problems);
  const at = `${tagsPath}[${tag ?? index}]`;
  const aliases = (readStringList(fields, 'aliases', at, problems) ?? []).map((alias, aliasIndex) => checkTag(alias, `${at}.aliases[${aliasIndex}]`, problems));
  const digest = readString(fields, 'digest', at, problems);
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) problems.push(`${at}.digest: must be "sha256:" followed by 64 lowercase hex digits, got ${show(digest)}`);
  return completeImage([tag, ...aliases], digest, readSettings(fields, at, parsing, inherited), repository, at, problems);
}

function completeTagSet(source: string, settings: ImageSettings, path: string, problems: Problems): CatalogTagSet | undefined {
  const pattern = parseTagPattern(source);
  if (typeof pattern === 'string') problems.push(`${path}: the tag pattern ${pattern}`);
  const { sizeBytes, pullSeconds } = settings;
  if (sizeBytes === undefined) problems.push(`${path}: sizeBytes is required (on the tag or on its repository)`);
  if (pullSeconds === undefined) problems.push(`${path}: pullSeconds is required (on the tag or on its repository)`);
  if (typeof pattern === 'string' || typeof sizeBytes !== 'number' || typeof pullSeconds !== 'number') return undefined;
  return { pattern, sizeBytes, pullSeconds, behaviour: completeBehaviour(settings.behaviour) };
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
