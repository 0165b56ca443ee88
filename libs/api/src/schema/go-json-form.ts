/**
 * An object in the form kube-apiserver gives it: decoded into its Go struct and encoded again.
 * A field without `omitempty` is always there (a ReplicationController's `status.replicas: 0`,
 * a pod condition's `lastProbeTime: null`, a container's `resources: {}`), a struct is never
 * left out, a null inside a list or map is the element's zero value (`args: [null]` is
 * `[""]`), and an omitempty field that is null, zero or empty is left out. Clients built from
 * the OpenAPI document (the Python client) refuse objects that lack the fields it marks
 * required, which Go always writes. Driven by protobuf-fields.generated.json, whose flags come
 * from the Go struct tags; kinds it lacks (custom resources) pass through unchanged.
 */
import type { Json, KubeObject } from '../object.js';
import { messageForKind, protoTable, scalarZero, type ProtoField, type ProtoSpecial } from './protobuf-table.js';

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message's fields by JSON name (those of its inline structs among them), and those Go writes even when unset. */
interface MessageFields {
  byName: Map<string, ProtoField>;
  alwaysWritten: [string, ProtoField][];
}

function fieldsOf(message: string): MessageFields {
  let fields = fieldsCache.get(message);
  if (!fields) {
    const byName = new Map<string, ProtoField>();
    for (const field of Object.values(protoTable.messages[message]?.fields ?? {})) {
      if (field.inline) for (const [name, inner] of fieldsOf(field.type).byName) byName.set(name, inner);
      else byName.set(field.json!, field);
    }
    fields = { byName, alwaysWritten: [...byName].filter(([, field]) => field.unset) };
    fieldsCache.set(message, fields);
  }
  return fields;
}
const fieldsCache = new Map<string, MessageFields>();

/** What Go's MarshalJSON writes for the zero value of the messages it marshals by hand. */
const specialZero: Record<ProtoSpecial, Json> = {
  time: null,
  microTime: null,
  duration: '0s',
  quantity: '0',
  intOrString: 0,
  rawExtension: null,
  fieldsV1: null,
  stringList: null,
};

/** The zero value of one element of the field's type (a list item, a map value, a non-pointer field). */
function zeroOf(type: string): Json {
  if (type === 'bytes') return null;
  const scalar = scalarZero(type);
  if (scalar !== undefined) return scalar;
  const special = protoTable.messages[type]?.special;
  return special ? specialZero[special] : goForm({}, type);
}

/** One element as Go gives it back: a null is the zero value, a message is in its Go form. */
function element(value: Json, type: string): Json {
  if (value === null) return zeroOf(type);
  if (isObject(value) && protoTable.messages[type]?.fields) return goForm(value, type);
  return value;
}

function isEmpty(value: Json): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** The field's value as Go writes it, or undefined when Go leaves it out. */
function fieldValue(value: Json | undefined, field: ProtoField): Json | undefined {
  if (value === undefined || value === null) {
    if (field.unset === 'null') return null;
    if (field.unset === 'zero' || field.unset === 'struct') return zeroOf(field.type);
    return undefined;
  }
  if (field.repeated && Array.isArray(value)) {
    return field.omitEmpty && value.length === 0 ? undefined : value.map((item) => element(item, field.type));
  }
  if (field.map && isObject(value)) {
    if (field.omitEmpty && isEmpty(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, element(item, field.type)]));
  }
  if (field.omitEmpty && isEmpty(value)) return undefined;
  if (field.omitZero && value === zeroOf(field.type)) return undefined;
  return element(value, field.type);
}

/** A message's JSON in its Go form: its own keys first, in their order, then the fields Go always writes. */
function goForm(object: JsonObject, message: string): JsonObject {
  const { byName, alwaysWritten } = fieldsOf(message);
  const out: JsonObject = {};
  for (const key of Object.keys(object)) {
    const field = byName.get(key);
    const written = field ? fieldValue(object[key], field) : object[key];
    if (written !== undefined) out[key] = written;
  }
  for (const [key, field] of alwaysWritten) {
    if (!(key in out)) out[key] = fieldValue(undefined, field)!;
  }
  return out;
}

/**
 * `object` as kube-apiserver would store and answer it (see the file's comment); an object of a
 * kind the protobuf table does not hold is returned as it is.
 */
export function goJsonForm<T extends KubeObject>(object: T): T {
  const message = messageForKind(object.apiVersion, object.kind);
  if (!message) return object;
  return goForm(object as unknown as JsonObject, message) as unknown as T;
}
