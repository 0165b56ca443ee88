/**
 * The default imagePullPolicy of a container (SetDefaults_Container): Always when the
 * image reference has the `latest` tag or no tag and no digest, IfNotPresent otherwise,
 * reading the reference with Docker's grammar as parsers.ParseImageName does.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The tag Kubernetes reads from an image reference: "latest" when there is neither tag nor digest, "" when unparseable. */
function imageTag(image: string): string {
  const match = REFERENCE.exec(image);
  if (!match || match[1].length > 255) return '';
  const [, , tag = '', digest = ''] = match;
  return tag === '' && digest === '' ? 'latest' : tag;
}

/** Always for `latest` images, IfNotPresent for pinned ones. */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
