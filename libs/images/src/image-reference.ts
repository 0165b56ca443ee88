/**
 * Image references read the way the kubelet reads them (distribution/reference
 * ParseNormalizedNamed plus the kubelet's default `latest` tag), so `nginx`,
 * `library/nginx` and `docker.io/library/nginx:latest` name the same image and a
 * bad reference fails with Kubernetes' own InvalidImageName wording.
 */
import { InvalidImageNameError } from './invalid-image-name-error.js';

/** A container image reference after Docker's normalisation. */
export interface ImageReference {
  /** The reference exactly as written in the pod spec (what kubelet events quote). */
  readonly original: string;
  /** The registry host, `docker.io` when none is written (empty for a dotted first component that is no valid host, as Docker reads it). */
  readonly registry: string;
  /** The repository path inside the registry, `library/nginx` for official images. */
  readonly repository: string;
  /** The tag; `latest` when neither tag nor digest is written, undefined for a bare digest. */
  readonly tag: string | undefined;
  /** The digest (`sha256:…`) when the reference pins one. */
  readonly digest: string | undefined;
  /** `registry/repository`, e.g. `docker.io/library/nginx`. */
  readonly name: string;
  /** The fully qualified reference containerd resolves, e.g. `docker.io/library/nginx:1.14.2`. */
  readonly canonical: string;
}

const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';
const NAME_TOTAL_LENGTH_MAX = 255;

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const PATH = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const REFERENCE_PATTERN = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_PATTERN = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${PATH})$`);
const HEX_IDENTIFIER = /^[a-f0-9]{64}$/;
const DIGEST_SYNTAX = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Parses and normalises an image reference; throws InvalidImageNameError with the
 * kubelet's message (`Failed to apply default image tag "NGINX": couldn't parse image
 * name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase`).
 */
export function parseImageReference(image: string): ImageReference {
  const problem = (detail: string) => new InvalidImageNameError(image, detail);
  if (HEX_IDENTIFIER.test(image)) throw problem(`invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`);

  const [registry, remainder] = splitRegistry(image);
  const remoteName = remainder.split(':', 1)[0];
  if (remoteName.toLowerCase() !== remoteName) throw problem(`invalid reference format: repository name (${remoteName}) must be lowercase`);

  const qualified = `${registry}/${remainder}`;
  const match = REFERENCE_PATTERN.exec(qualified);
  if (!match) throw problem(REFERENCE_PATTERN.test(qualified.toLowerCase()) ? 'repository name must be lowercase' : 'invalid reference format');
  const [, name, writtenTag, digest] = match;
  if (name.length > NAME_TOTAL_LENGTH_MAX) throw problem(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  if (digest !== undefined) {
    const digestProblem = validateDigest(digest);
    if (digestProblem) throw problem(digestProblem);
  }

  const [, host = '', repository] = NAME_PATTERN.exec(name) as RegExpExecArray;
  const tag = writtenTag ?? (digest === undefined ? DEFAULT_TAG : undefined);
  return {
    original: image,
    registry: host,
    repository,
    tag,
    digest,
    name,
    canonical: `${name}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`,
  };
}

/** Docker's rule for telling a registry host from the first path component. */
function splitRegistry(image: string): [registry: string, remainder: string] {
  const slash = image.indexOf('/');
  if (slash === -1) return [DEFAULT_REGISTRY, OFFICIAL_REPOSITORY_PREFIX + image];
  const first = image.slice(0, slash);
  const rest = image.slice(slash + 1);
  const isHost = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  const registry = isHost && first !== LEGACY_DEFAULT_REGISTRY ? first : DEFAULT_REGISTRY;
  const remainder = isHost ? rest : image;
  const official = registry === DEFAULT_REGISTRY && !remainder.includes('/');
  return [registry, official ? OFFICIAL_REPOSITORY_PREFIX + remainder : remainder];
}

/** go-digest's checks on a digest that already matched the reference grammar. */
function validateDigest(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) return DIGEST_SYNTAX.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  if (encoded.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}
