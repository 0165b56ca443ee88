/**
 * The pod-template-hash that names a Deployment's ReplicaSets (controller.ComputeHash):
 * 32-bit FNV-1a of the pod template (plus status.collisionCount), its decimal digits
 * spelled in rand.SafeEncodeString's vowel-free alphabet, as in "web-5d8f9c7b6d".
 */
import { cloneJson, type Deployment } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { semanticEqual } from '../replicaset/semantic-equal.js';

/** The label Kubernetes adds to a Deployment's ReplicaSets, their selector and pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function fnv1a32(bytes: Iterable<number>, seed = FNV_OFFSET): number {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash;
}

/** The uint32 count as the 8 little-endian bytes ComputeHash feeds the hasher. */
function collisionBytes(count: number): number[] {
  const value = count >>> 0;
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24, 0, 0, 0, 0];
}

/** rand.SafeEncodeString: each character mapped into an alphabet without vowels or look-alikes. */
export function safeEncodeString(text: string): string {
  return [...text].map((ch) => SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

/** The pod-template-hash of `template`, changed by every hash collision the Deployment met. */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv1a32(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) hash = fnv1a32(collisionBytes(collisionCount), hash);
  return safeEncodeString(String(hash));
}

function withoutHashLabel(value: unknown): unknown {
  // Only pod templates (or their absence) are compared; anything else is compared as it is, labels aside.
  const template = value as PodTemplateSpec | undefined;
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template?.metadata, labels } };
}

/** deploymentutil.EqualIgnoreHash: two pod templates equal once the hash label is ignored. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return semanticEqual(withoutHashLabel(a), withoutHashLabel(b));
}

/** The ReplicaSet's copy of the template a Deployment would create it from, hash label added. */
export function templateWithHash(deployment: Deployment, hash: string): PodTemplateSpec {
  const template = cloneJson(deployment.spec?.template ?? {});
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  return template;
}
