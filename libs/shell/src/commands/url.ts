/**
 * Reads the URL operand of wget and curl. Both accept a bare `host[:port][/path]`
 * and assume http, which is how tutorials write `wget -qO- nginx`.
 */

/** A parsed request target. */
export interface RequestTarget {
  /** The normalised URL handed to the host (`http://nginx/`). */
  readonly href: string;
  readonly host: string;
  readonly port: number;
  /** Whether the operand spelled the port out (wget then echoes it). */
  readonly explicitPort: boolean;
  /** The last path segment, wget's default output file name. */
  readonly fileName: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** Parses `operand`, or returns undefined when it is no http(s) URL. */
export function parseRequestTarget(operand: string): RequestTarget | undefined {
  const text = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(operand) ? operand : `http://${operand}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined || url.hostname === '') return undefined;
  const fileName = url.pathname.slice(url.pathname.lastIndexOf('/') + 1) || 'index.html';
  return {
    href: url.href,
    host: url.hostname,
    port: url.port === '' ? defaultPort : Number(url.port),
    explicitPort: url.port !== '',
    fileName,
  };
}
