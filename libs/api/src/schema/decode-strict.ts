/**
 * Decodes a request body against its kind's schema the way kube-apiserver's
 * strict JSON decoder does, so unknown fields and wrongly typed values are
 * reported with the same paths and words a real cluster uses.
 *
 * Mirrors sigs.k8s.io/json (Go's encoding/json, case-sensitive):
 * - unknown fields are collected with paths like `spec.containers[0].readinessprobe`
 *   (map keys as `.key`), deduplicated, at most 100;
 * - a value of the wrong JSON type is a type error; decoding continues and Go
 *   reports the first one;
 * - IntOrString, Quantity and Time decode themselves; their errors stop
 *   decoding at once and are what Go reports, even after an earlier type error;
 * - `null` is accepted everywhere.
 */
import { isPlainObject } from '../object.js';
import { goTimeParseError } from './go-time-parse.js';
import { goTypeName } from './go-type-name.js';
import { quantitySyntaxError } from './quantity-syntax.js';
import {
  arrayItemType,
  definitionOf,
  type FieldType,
  mapValueType,
  type ScalarKind,
  shortDefinitionName,
} from './schema-catalog.js';

/** What strict decoding found. */
export interface StrictDecodeResult {
  /** Paths of fields the schema does not know, in document order. */
  unknownFields: string[];
  /**
   * Decoding errors in Go's wording. When not empty the request fails with
   * the first one and unknownFields do not matter.
   */
  typeErrors: string[];
}

/** Decodes `obj` as the definition `schemaName` (e.g. io.k8s.api.core.v1.Pod). */
export function decodeStrict(schemaName: string, obj: unknown): StrictDecodeResult {
  const decoder = new StrictDecoder();
  try {
    decoder.value(schemaName, obj, root);
  } catch (abort) {
    if (!(abort instanceof DecodingAborted)) throw abort;
    return { unknownFields: decoder.unknownFields, typeErrors: [abort.message, ...decoder.typeErrors] };
  }
  return { unknownFields: decoder.unknownFields, typeErrors: decoder.typeErrors };
}

/**
 * Where the decoder is: one step down from `up`, by a key (`field` when it is a struct's field, on Go's field stack) or
 * a list index, inside the struct `definition` names. The path and the field stack are spelled out only for an error:
 * built at every step, they were most of what decoding a valid pod cost.
 */
interface Position {
  readonly up: Position | undefined;
  readonly step: string | number;
  readonly field: boolean;
  readonly definition: string;
}

const root: Position = { up: undefined, step: '', field: false, definition: '' };

/** The strict-error path: keys joined by dots, map keys as `.key`, list indices as `[i]`. */
function pathOf(at: Position): string {
  if (!at.up) return '';
  const above = pathOf(at.up);
  if (typeof at.step === 'number') return `${above}[${at.step}]`;
  return above === '' ? at.step : `${above}.${at.step}`;
}

/** Go's field stack: the struct fields from the top down, map keys and indices left out. */
function fieldsOf(at: Position): string[] {
  const fields: string[] = [];
  for (let p: Position | undefined = at; p?.up; p = p.up) if (p.field) fields.unshift(p.step as string);
  return fields;
}

class DecodingAborted extends Error {}

const maxUnknownFields = 100;
const int32Range = 2 ** 31;

class StrictDecoder {
  readonly unknownFields: string[] = [];
  readonly typeErrors: string[] = [];

  value(type: FieldType, value: unknown, at: Position): void {
    if (value === null || value === undefined) return;
    const item = arrayItemType(type);
    if (item !== undefined) return this.array(type, item, value, at);
    const mapValue = mapValueType(type);
    if (mapValue !== undefined) return this.map(type, mapValue, value, at);
    if (type.includes('.')) return this.definition(type, value, at);
    this.primitive(type, value, at);
  }

  private array(type: FieldType, item: FieldType, value: unknown, at: Position): void {
    if (!Array.isArray(value)) return this.mismatch(jsonKind(value), type, at);
    value.forEach((element, i) => this.value(item, element, { up: at, step: i, field: false, definition: at.definition }));
  }

  private map(type: FieldType, valueType: FieldType, value: unknown, at: Position): void {
    if (!isPlainObject(value)) return this.mismatch(jsonKind(value), type, at);
    for (const [key, element] of Object.entries(value)) {
      this.value(valueType, element, { up: at, step: key, field: false, definition: at.definition });
    }
  }

  private definition(name: string, value: unknown, at: Position): void {
    const definition = definitionOf(name);
    if (definition.scalar) return this.scalar(definition.scalar, value, at);
    if (!isPlainObject(value)) return this.mismatch(jsonKind(value), name, at);
    const properties = definition.properties ?? {};
    for (const [key, field] of Object.entries(value)) {
      const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (property) this.value(property.type, field, { up: at, step: key, field: true, definition: name });
      else if (!(at.up === undefined && (key === 'apiVersion' || key === 'kind'))) this.unknown(pathOf({ up: at, step: key, field: false, definition: name }));
    }
  }

  private primitive(type: FieldType, value: unknown, at: Position): void {
    switch (type) {
      case 'string':
        if (typeof value !== 'string') this.mismatch(jsonKind(value), type, at);
        return;
      case 'byte': {
        if (typeof value !== 'string') return this.mismatch(jsonKind(value), type, at);
        const corrupt = base64CorruptAt(value);
        if (corrupt !== undefined) throw new DecodingAborted(`illegal base64 data at input byte ${corrupt}`);
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') this.mismatch(jsonKind(value), type, at);
        return;
      case 'double':
        if (typeof value !== 'number') this.mismatch(jsonKind(value), type, at);
        return;
      case 'int32':
      case 'int64': {
        const problem = integerProblem(value, type === 'int32' ? int32Range : 2 ** 63);
        if (problem) this.mismatch(problem, type, at);
        return;
      }
    }
  }

  private scalar(kind: ScalarKind, value: unknown, at: Position): void {
    switch (kind) {
      case 'int-or-string': {
        const problem = typeof value === 'string' ? undefined : integerProblem(value, int32Range);
        if (problem) throw new DecodingAborted(typeErrorText(problem, 'int32', at));
        return;
      }
      case 'quantity': {
        const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
        const problem = quantitySyntaxError(text);
        if (problem) throw new DecodingAborted(problem);
        return;
      }
      case 'date-time':
      case 'date-time-micro': {
        if (typeof value !== 'string') throw new DecodingAborted(typeErrorText(jsonKind(value), 'string', at));
        const problem = goTimeParseError(value, kind === 'date-time' ? 'rfc3339' : 'rfc3339-micro');
        if (problem) throw new DecodingAborted(problem);
        return;
      }
    }
  }

  private mismatch(valueDescription: string, type: FieldType, at: Position): void {
    this.typeErrors.push(typeErrorText(valueDescription, type, at));
  }

  private unknown(path: string): void {
    if (this.unknownFields.length < maxUnknownFields && !this.unknownFields.includes(path)) {
      this.unknownFields.push(path);
    }
  }
}

const BASE64 = /^[A-Za-z0-9+/]$/;

/**
 * Where Go's base64.StdEncoding stops on `text` (a []byte field in JSON), or
 * undefined when it decodes: a character outside the alphabet, a misplaced '=', or
 * the start of an incomplete last quantum.
 */
export function base64CorruptAt(text: string): number | undefined {
  const padAt = text.indexOf('=');
  const body = padAt < 0 ? text : text.slice(0, padAt);
  for (let i = 0; i < body.length; i++) if (!BASE64.test(body[i])) return i;
  if (padAt < 0) return body.length % 4 === 0 ? undefined : body.length - (body.length % 4);
  const padding = text.length - padAt;
  const valid = /^=+$/.test(text.slice(padAt)) && text.length % 4 === 0 && padding <= 2 && body.length % 4 >= 2;
  return valid ? undefined : padAt;
}

/** Go's UnmarshalTypeError text. */
function typeErrorText(valueDescription: string, type: FieldType, at: Position): string {
  const target = at.definition ? `Go struct field ${shortDefinitionName(at.definition)}.${fieldsOf(at).join('.')}` : 'Go value';
  return `json: cannot unmarshal ${valueDescription} into ${target} of type ${goTypeName(type)}`;
}

/** How Go's decoder names a JSON value it cannot store. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Why a value does not fit a Go integer of magnitude `limit`, or undefined if it does. */
function integerProblem(value: unknown, limit: number): string | undefined {
  if (typeof value !== 'number') return jsonKind(value);
  return Number.isInteger(value) && value >= -limit && value < limit ? undefined : `number ${value}`;
}
