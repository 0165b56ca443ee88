/**
 * Request bodies decoded as kube-apiserver 1.32 decodes them, refused with its words:
 * an object body that is not JSON is "the object provided is unrecognized (must be of
 * type X): couldn't get version/kind; json parse error: … (<first bytes>)"
 * (handlers/create.go transformDecodeError over serializer/json's meta Interpret), a
 * patch body gets the wording of its patch type (handlers/patch.go), and a DeleteOptions
 * body gets the decoder's own message (handlers/delete.go). kube-apiserver 1.32 sent that
 * last one unclassified as a 500; kubernetes#133358 (1.35, backported) made it the 400
 * BadRequest given here, which also keeps this server's rule that bad input is never a 5xx.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { isPlainObject, type KubeObject } from '../object.js';
import { badRequest, type ApiError } from '../status.js';
import { goJsonSyntaxError, goUnmarshalTypeError } from './go-json.js';
import { exceededMaxDepth, tooDeep } from './nesting.js';

/** The struct SimpleMetaFactory.Interpret unmarshals into to find apiVersion and kind. */
const FIND_KIND = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';
const STRING_MAP = 'map[string]interface {}';

/** handlers' summarizeData: the first 30 bytes, as text for a '{' body, else in hex. */
export function summarizeBody(bytes: Buffer): string {
  if (bytes.length === 0) return '<empty>';
  const head = bytes.subarray(0, 30);
  const shown = bytes[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return bytes.length > 30 ? `${shown} ...` : shown;
}

/**
 * JSON.parse and Go's decoder accept the same texts (RFC 8259), so the parser runs first and
 * Go's wording is worked out only for a text it refuses; a value nested past maxBodyDepth is refused too.
 */
function parseJson(text: string): { value: unknown } | { syntax: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { syntax: goJsonSyntaxError(text) ?? 'invalid character looking for beginning of value' };
  }
  const deep = tooDeep(value);
  return deep ? { syntax: exceededMaxDepth(deep) } : { value };
}

/** Interpret's error for a JSON text, or the parsed value when it is an object (or null). */
function interpret(text: string): { value: unknown } | { error: string } {
  const parsed = parseJson(text);
  if ('syntax' in parsed) return { error: `couldn't get version/kind; json parse error: ${parsed.syntax}` };
  const { value } = parsed;
  if (value !== null && !isPlainObject(value)) return { error: `couldn't get version/kind; json parse error: ${goUnmarshalTypeError(value, FIND_KIND)}` };
  return { value };
}

/** sigs.k8s.io/yaml's error for YAML it cannot turn into JSON (go-yaml's wording, roughly by the yaml parser's code). */
export function yamlToJsonError(e: YAMLParseError): string {
  const line = e.linePos?.[0]?.line ?? 1;
  const phrase: Record<string, string> = {
    BLOCK_AS_IMPLICIT_KEY: "could not find expected ':'",
    MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
    BAD_INDENT: 'did not find expected key',
    TAB_AS_INDENT: 'found character that cannot start any token',
    DUPLICATE_KEY: 'mapping key already defined',
  };
  return `error converting YAML to JSON: yaml: line ${line}: ${phrase[e.code] ?? 'did not find expected node content'}`;
}

/** An object body that is not JSON (or YAML, when sent as YAML), refused as create.go/update.go do. */
export function decodeObjectBody(bytes: Buffer, kind: string, asYaml: boolean): KubeObject {
  const unrecognized = (why: string): ApiError => badRequest(`the object provided is unrecognized (must be of type ${kind}): ${why} (${summarizeBody(bytes)})`);
  let text = bytes.toString('utf8');
  if (asYaml) {
    try {
      text = JSON.stringify(parseYaml(text) ?? null);
    } catch (e) {
      if (e instanceof YAMLParseError) throw unrecognized(yamlToJsonError(e));
      throw e;
    }
  }
  const found = interpret(text);
  if ('error' in found) throw unrecognized(found.error);
  return (found.value ?? {}) as KubeObject;
}

/** The patch types handlers/patch.go decodes from JSON (apply patches are YAML, decoded elsewhere). */
export type JsonPatchType = 'json' | 'merge' | 'strategic';

/**
 * A patch body refused as patch.go refuses it. With fieldValidation Strict or Warn, JSON
 * and merge patches are first decoded strictly ("error decoding patch: …"); with Ignore a
 * merge patch only learns "Invalid JSON Patch". A strategic merge patch says just the error.
 */
export function decodePatchBody(bytes: Buffer, patchType: JsonPatchType, fieldValidation: string): unknown {
  const parsed = parseJson(bytes.toString('utf8'));
  const strict = fieldValidation !== 'Ignore';
  if ('syntax' in parsed) {
    if (patchType === 'merge' && !strict) throw badRequest('Invalid JSON Patch');
    throw badRequest(patchType !== 'strategic' && strict ? `error decoding patch: ${parsed.syntax}` : parsed.syntax);
  }
  const { value } = parsed;
  if (patchType === 'json' && !Array.isArray(value) && value !== null) {
    throw badRequest(strict ? `error decoding patch: ${goUnmarshalTypeError(value, '[]handlers.jsonPatchOp')}` : goUnmarshalTypeError(value, 'jsonpatch.Patch'));
  }
  if (patchType !== 'json' && strict && value !== null && !isPlainObject(value)) {
    throw badRequest(patchType === 'merge' ? `error decoding patch: ${goUnmarshalTypeError(value, STRING_MAP)}` : goUnmarshalTypeError(value, STRING_MAP));
  }
  return value;
}

/** A JSON DeleteOptions body; what it cannot decode is a 400 with Interpret's message (see the file comment). */
export function decodeDeleteOptionsBody(bytes: Buffer): Record<string, unknown> {
  const found = interpret(bytes.toString('utf8'));
  if ('error' in found) throw badRequest(found.error);
  return (found.value ?? {}) as Record<string, unknown>;
}
