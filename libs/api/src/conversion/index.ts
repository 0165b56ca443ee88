/**
 * Conversion between a served version and the version its kind is stored in, for the
 * kinds served in two versions (registry storage `view`). Every other type is its own
 * storage version and passes through unchanged.
 */
import type { KubeObject } from '../object.js';
import { findResourceType, groupVersionOf, storedTypeOf, type ResourceType } from '../registry.js';
import { goJsonForm } from '../schema/go-json-form.js';
import { eventFromEventsV1, eventToEventsV1 } from './events.js';
import { hpaFromV1, hpaToV1 } from './horizontal-pod-autoscaler.js';

interface Conversion {
  fromStorage(obj: KubeObject): KubeObject;
  toStorage(obj: KubeObject): KubeObject;
}

const conversions: Readonly<Record<string, Conversion>> = {
  'events.k8s.io/v1/Event': { fromStorage: eventToEventsV1, toStorage: eventFromEventsV1 },
  'autoscaling/v1/HorizontalPodAutoscaler': { fromStorage: hpaToV1, toStorage: hpaFromV1 },
};

/** A custom resource's versions differ only in apiVersion (conversion strategy None). */
function customConversion(t: ResourceType): Conversion {
  const withApiVersion = (apiVersion: string) => (obj: KubeObject) => ({ ...obj, apiVersion });
  return { fromStorage: withApiVersion(groupVersionOf(t)), toStorage: withApiVersion(`${t.group}/${t.custom!.storageVersion}`) };
}

function conversionOf(t: ResourceType): Conversion | undefined {
  if (t.storage !== 'view') return undefined;
  return t.custom ? customConversion(t) : conversions[`${t.group}/${t.version}/${t.kind}`];
}

/** The type whose objects back `t`: itself, or the stored version of its kind. */
export function storageTypeFor(t: ResourceType): ResourceType {
  if (t.storage !== 'view') return t;
  return t.custom ? (findResourceType(t.group, t.custom.storageVersion, t.plural) ?? t) : storedTypeOf(t.kind)!;
}

/** A stored object as `t` shows it, in the form Go's structs of that version give it. */
export function fromStorage(t: ResourceType, obj: KubeObject): KubeObject {
  const conversion = conversionOf(t);
  return conversion ? goJsonForm(conversion.fromStorage(obj)) : obj;
}

/** An object sent as `t`, in its storage version. */
export function toStorage(t: ResourceType, obj: KubeObject): KubeObject {
  return conversionOf(t)?.toStorage(obj) ?? obj;
}
