/**
 * The Kubernetes CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go): `url()` accepts what
 * Go's url.ParseRequestURI accepts (an absolute URI or an absolute path), `isURL()`, and the
 * getters getScheme, getHost, getHostname, getPort, getEscapedPath and getQuery.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { succeeds } from './succeeds.js';
import { escapedPath, parseRequestURI, parseURL, queryValues, splitHostPort, type GoURL } from './go-url.js';

/** A parsed URL, as the library's kubernetes.URL values hold it. */
export class CelURL {
  constructor(readonly url: GoURL, readonly text: string) {}
}

const URL_TYPE = 'kubernetes.URL';

function toURL(text: string): CelURL {
  try {
    parseRequestURI(text);
    return new CelURL(parseURL(text), text);
  } catch (e) {
    throw new Error(`URL parse error during conversion from string: ${(e as Error).message}`);
  }
}

/** Adds the URL library to `env`. */
export function registerUrlLibrary(env: Environment): Environment {
  return env
    .registerType(URL_TYPE, CelURL)
    .registerFunction(`url(string): ${URL_TYPE}`, toURL)
    .registerFunction('isURL(string): bool', (text: string) => succeeds(() => parseRequestURI(text)))
    .registerFunction(`${URL_TYPE}.getScheme(): string`, (u: CelURL) => u.url.scheme)
    .registerFunction(`${URL_TYPE}.getHost(): string`, (u: CelURL) => u.url.host)
    .registerFunction(`${URL_TYPE}.getHostname(): string`, (u: CelURL) => splitHostPort(u.url.host).hostname)
    .registerFunction(`${URL_TYPE}.getPort(): string`, (u: CelURL) => splitHostPort(u.url.host).port)
    .registerFunction(`${URL_TYPE}.getEscapedPath(): string`, (u: CelURL) => escapedPath(u.url))
    .registerFunction(`${URL_TYPE}.getQuery(): map<string, list<string>>`, (u: CelURL) => queryValues(u.url.rawQuery))
    .registerOperator(`${URL_TYPE} == ${URL_TYPE}`, (a: CelURL, b: CelURL) => a.text === b.text);
}
