/**
 * The OpenAPI endpoints as kube-openapi's handler serves them: /openapi/v2 as JSON or as
 * gnostic protobuf by the Accept header (406 for anything else), the /openapi/v3 index
 * and group-version documents as JSON; every document with an ETag (the SHA-512 of its
 * JSON) so a client holding it gets a 304 for If-None-Match.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeOpenApiV2Document, isBuiltInOpenApiPath, openApiV2Document, openApiV3Document, openApiV3Index, pathNotFound } from '@kubelab/api';

/** One document ready to send: its JSON text and, for v2, its protobuf bytes, under one ETag. */
interface Served {
  json: string;
  etag: string;
  protobuf?: Buffer;
}

/** What a request for /openapi/v2 may get, in the order kube-openapi tries them. */
const v2Forms = [
  { type: 'application', subtype: 'json', contentType: 'application/json', form: 'json' },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2@v1.0+protobuf', contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', form: 'protobuf' },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2.v1.0+protobuf', contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', form: 'protobuf' },
] as const;

const openApiHash = 'kubelab-1';

export class OpenApiEndpoints {
  /** Built-in documents never change while the server runs; custom resources' change with their CRDs. */
  private readonly v3Cache = new Map<string, Served>();
  private v2?: { index: string; served: Served };

  /** Answers `path` if it is an OpenAPI path, writing the reply; false for any other path. */
  serve(path: string, req: { headers: IncomingMessage['headers'] }, res: ServerResponse): boolean {
    if (path === '/openapi/v2') {
      this.serveV2(req.headers, res);
      return true;
    }
    if (path === '/openapi/v3') {
      send(res, req.headers, served(JSON.stringify(openApiV3Index(openApiHash))), 'application/json', 'json');
      return true;
    }
    if (path.startsWith('/openapi/v3/')) {
      send(res, req.headers, this.v3Document(path.slice('/openapi/v3/'.length)), 'application/json', 'json');
      return true;
    }
    return false;
  }

  private v3Document(groupVersionPath: string): Served {
    const cached = this.v3Cache.get(groupVersionPath);
    if (cached) return cached;
    const doc = openApiV3Document(groupVersionPath);
    if (!doc) throw pathNotFound();
    const document = served(JSON.stringify(doc));
    if (isBuiltInOpenApiPath(groupVersionPath)) this.v3Cache.set(groupVersionPath, document);
    return document;
  }

  private serveV2(headers: IncomingMessage['headers'], res: ServerResponse): void {
    const form = negotiate(String(headers.accept ?? ''));
    if (!form) {
      res.writeHead(406, { Vary: 'Accept' });
      res.end();
      return;
    }
    send(res, headers, this.v2Document(), form.contentType, form.form);
  }

  /** Rebuilt only when the v3 index changes (a CRD was added, changed or removed). */
  private v2Document(): Served {
    const index = JSON.stringify(openApiV3Index(openApiHash));
    if (this.v2?.index !== index) {
      const doc = openApiV2Document();
      this.v2 = { index, served: { ...served(JSON.stringify(doc)), protobuf: Buffer.from(encodeOpenApiV2Document(doc)) } };
    }
    return this.v2.served;
  }
}

function served(json: string): Served {
  return { json, etag: `"${createHash('sha512').update(json).digest('hex').toUpperCase()}"` };
}

/** The first Accept clause (by quality, then order) that one of the v2 forms satisfies; `*\/*` when there is no header. */
function negotiate(accept: string): (typeof v2Forms)[number] | undefined {
  const clauses = (accept.trim() === '' ? '*/*' : accept)
    .split(',')
    .map((clause, order) => {
      const [range, ...params] = clause.split(';').map((s) => s.trim());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      const [type, subtype = ''] = range.split('/');
      return { type, subtype, q: Number.isNaN(q) ? 0 : q, order };
    })
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const clause of clauses) {
    const form = v2Forms.find((f) => (clause.type === '*' || clause.type === f.type) && (clause.subtype === '*' || clause.subtype === f.subtype));
    if (form) return form;
  }
  return undefined;
}

function send(res: ServerResponse, headers: IncomingMessage['headers'], document: Served, contentType: string, form: 'json' | 'protobuf'): void {
  const common = { ETag: document.etag, Vary: 'Accept' };
  if (matchesETag(headers['if-none-match'], document.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, { ...common, 'Content-Type': contentType });
  res.end(form === 'protobuf' ? document.protobuf : document.json);
}

/** If-None-Match as net/http's ServeContent reads it: `*`, or a list of (weak or strong) tags. */
function matchesETag(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}
