/**
 * The shape of protobuf-fields.generated.json, written by
 * tools/schema-gen/generate-proto-fields.ts from Kubernetes' generated.proto
 * files and Go struct tags: for every message, what each field number means
 * in JSON. The protobuf decoder is driven by this table alone.
 */
import tableJson from './protobuf-fields.generated.json' with { type: 'json' };

/** Scalar types as generated.proto spells them. */
export type ProtoScalar = 'string' | 'bytes' | 'bool' | 'int32' | 'int64';

/** Messages whose JSON form is not an object of their fields. */
export type ProtoSpecial = 'time' | 'microTime' | 'duration' | 'quantity' | 'intOrString' | 'rawExtension' | 'fieldsV1' | 'stringList';

/** One field of a message. */
export interface ProtoField {
  /** The JSON name; absent for an inline (embedded) struct. */
  json?: string;
  /** A scalar type, or the full name of a message (k8s.io.api.core.v1.PodSpec). */
  type: ProtoScalar | string;
  /** `repeated` in generated.proto: a JSON array. */
  repeated?: true;
  /** `map<string, type>`: a JSON object. */
  map?: true;
  /** A Go embedded struct with `json:",inline"`: its fields join the parent's. */
  inline?: true;
  /** A non-pointer Go scalar tagged omitempty: Go writes its zero value on the wire, JSON leaves it out. */
  omitZero?: true;
  /** A slice or map tagged omitempty: JSON leaves it out when it is empty, as when it is nil. */
  omitEmpty?: true;
  /**
   * What Go's JSON holds for the field when the struct has nothing there, where it is not left
   * out: the scalar's zero (a non-pointer scalar without omitempty), null (a pointer, slice or
   * map without omitempty) or the zero struct (a non-pointer struct, which omitempty never omits).
   */
  unset?: 'zero' | 'null' | 'struct';
}

/** One message: its fields by number, or the special JSON form it has. */
export interface ProtoMessage {
  special?: ProtoSpecial;
  fields?: Record<string, ProtoField>;
}

/** Kinds by apiVersion (`*` for meta/v1 kinds such as DeleteOptions, accepted in every group version), and messages by full name. */
export interface ProtoTable {
  kinds: Record<string, Record<string, string>>;
  messages: Record<string, ProtoMessage>;
}

/** The generated table. */
export const protoTable: ProtoTable = tableJson as ProtoTable;

/** Go's zero value of a string, integer or boolean field, as JSON writes it; undefined for bytes and messages. */
export function scalarZero(type: string): '' | 0 | false | undefined {
  if (type === 'string') return '';
  if (type === 'int32' || type === 'int64') return 0;
  return type === 'bool' ? false : undefined;
}

/** The message a protobuf body of apiVersion/kind holds, if the table has it. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  return protoTable.kinds[apiVersion]?.[kind] ?? protoTable.kinds['*']?.[kind];
}
