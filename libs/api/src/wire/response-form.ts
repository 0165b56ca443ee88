/**
 * The form a GET, list or watch answers in, chosen from the Accept header as
 * kube-apiserver's negotiation does: the first media range it can serve wins, and a
 * range with `as=Table`, `as=PartialObjectMetadata` or `as=PartialObjectMetadataList`
 * (group meta.k8s.io, v1 or v1beta1) asks for that transform of the object
 * (handlers/response.go transformObject). Protobuf ranges are answered in JSON.
 */
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { notAcceptable } from '../status.js';

/** A transform of the response; undefined: the objects as they are. */
export type ResponseForm = { as: 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' } | undefined;

const TRANSFORMS = new Set(['Table', 'PartialObjectMetadata', 'PartialObjectMetadataList']);
const SERVED_TYPES = new Set(['application/json', 'application/*', '*/*', 'application/vnd.kubernetes.protobuf', 'application/yaml']);

/** The response form the first servable range of `accept` asks for. */
export function negotiateResponseForm(accept: string): ResponseForm {
  for (const range of accept.split(',')) {
    const [type, ...rest] = range.split(';').map((part) => part.trim());
    if (!SERVED_TYPES.has(type.toLowerCase())) continue;
    const params = Object.fromEntries(rest.map((p) => p.split('=').map((s) => s.trim())));
    if (!params.as) return undefined;
    if (TRANSFORMS.has(params.as) && params.g === 'meta.k8s.io' && (params.v === 'v1' || params.v === 'v1beta1')) {
      return { as: params.as, version: params.v };
    }
  }
  return undefined;
}

const goListType = (t: ResourceType) => (t.group ? `*${t.group.split('.')[0]}.${t.listKind}` : `*core.${t.listKind}`);
const goObjectType = (t: ResourceType) => (t.group ? `*${t.group.split('.')[0]}.${t.kind}` : `*core.${t.kind}`);

/** meta.AsPartialObjectMetadata: the object reduced to its metadata. */
export function asPartialObjectMetadata(obj: KubeObject, version: 'v1' | 'v1beta1'): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

/** 406 when a list form is asked of single objects (a GET, or a watch's events). */
export function checkObjectForm(t: ResourceType, form: NonNullable<ResponseForm>): void {
  if (form.as === 'PartialObjectMetadataList') {
    throw notAcceptable(`you requested PartialObjectMetadataList, but the requested object is not a list (${goObjectType(t)})`);
  }
}

/** A single object in the form asked for metadata (406 when a list was asked for). */
export function partialObject(t: ResourceType, obj: KubeObject, form: NonNullable<ResponseForm>): KubeObject {
  checkObjectForm(t, form);
  return asPartialObjectMetadata(obj, form.version);
}

/** A list's metadata as a list in meta's own terms. */
export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A list in the form asked for metadata (406 when a single object was asked for). */
export function partialObjectList(t: ResourceType, items: readonly KubeObject[], listMeta: ListMeta, form: NonNullable<ResponseForm>): Record<string, unknown> {
  if (form.as === 'PartialObjectMetadata') {
    throw notAcceptable(`you requested PartialObjectMetadata, but the requested object is a list (${goListType(t)})`);
  }
  const metadata = {
    resourceVersion: listMeta.resourceVersion,
    ...(listMeta.continue ? { continue: listMeta.continue } : {}),
    ...(form.version === 'v1' && listMeta.remainingItemCount !== undefined ? { remainingItemCount: listMeta.remainingItemCount } : {}),
  };
  return { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${form.version}`, metadata, items: items.map((o) => asPartialObjectMetadata(o, form.version)) };
}
