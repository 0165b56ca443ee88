import { describe, expect, it } from 'vitest';
import { decodeDeleteOptionsBody, decodeObjectBody, decodePatchBody, summarizeBody } from './request-body.js';
import { refusal } from '../refusal.testing.js';

const yamlPod = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');

describe('summarizeBody', () => {
  it('shows a short JSON-looking body as text, anything else in hex, cut at 30 bytes', () => {
    expect(summarizeBody(Buffer.alloc(0))).toBe('<empty>');
    expect(summarizeBody(Buffer.from('{"a":'))).toBe('{"a":');
    expect(summarizeBody(Buffer.from(`{"kind":"ConfigMap","apiVersion":"v1"}`))).toBe('{"kind":"ConfigMap","apiVersio ...');
    expect(summarizeBody(yamlPod)).toBe('61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...');
  });
});

describe('decodeObjectBody', () => {
  it('refuses YAML sent as JSON as create.go does', () => {
    expect(refusal(() => decodeObjectBody(yamlPod, 'ConfigMap', false))).toBe(
      "400 BadRequest: the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)",
    );
  });

  it('refuses an empty body, a cut one and a non-object', () => {
    expect(refusal(() => decodeObjectBody(Buffer.alloc(0), 'Pod', false))).toBe(
      "400 BadRequest: the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)",
    );
    expect(refusal(() => decodeObjectBody(Buffer.from('{"kind":'), 'Pod', false))).toContain('json parse error: unexpected end of JSON input ({"kind":)');
    expect(refusal(() => decodeObjectBody(Buffer.from('[]'), 'Pod', false))).toBe(
      '400 BadRequest: the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b5d)',
    );
  });

  it('decodes JSON, and YAML when sent as YAML; broken YAML says so in sigs.k8s.io/yaml\'s words', () => {
    expect(decodeObjectBody(Buffer.from('{"kind":"Pod"}'), 'Pod', false)).toEqual({ kind: 'Pod' });
    expect(decodeObjectBody(yamlPod, 'ConfigMap', true)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(refusal(() => decodeObjectBody(Buffer.from('a: b: c\n'), 'ConfigMap', true))).toMatch(
      /^400 BadRequest: the object provided is unrecognized \(must be of type ConfigMap\): error converting YAML to JSON: yaml: line 1: /,
    );
  });
});

describe('decodePatchBody', () => {
  const yaml = Buffer.from('spec:\n  replicas: 2\n');
  it.each([
    ['merge', 'Strict', "400 BadRequest: error decoding patch: invalid character 's' looking for beginning of value"],
    ['merge', 'Ignore', '400 BadRequest: Invalid JSON Patch'],
    ['json', 'Warn', "400 BadRequest: error decoding patch: invalid character 's' looking for beginning of value"],
    ['json', 'Ignore', "400 BadRequest: invalid character 's' looking for beginning of value"],
    ['strategic', 'Strict', "400 BadRequest: invalid character 's' looking for beginning of value"],
  ] as const)('a %s patch with fieldValidation %s', (patchType, validation, message) => {
    expect(refusal(() => decodePatchBody(yaml, patchType, validation))).toBe(message);
  });

  it('refuses a patch of the wrong JSON shape', () => {
    expect(refusal(() => decodePatchBody(Buffer.from('{"op":"add"}'), 'json', 'Strict'))).toBe(
      '400 BadRequest: error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    );
    expect(refusal(() => decodePatchBody(Buffer.from('[1]'), 'merge', 'Warn'))).toBe(
      '400 BadRequest: error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(refusal(() => decodePatchBody(Buffer.from('"x"'), 'strategic', 'Warn'))).toBe(
      '400 BadRequest: json: cannot unmarshal string into Go value of type map[string]interface {}',
    );
  });

  it('decodes a good patch', () => {
    expect(decodePatchBody(Buffer.from('{"spec":{"replicas":2}}'), 'merge', 'Strict')).toEqual({ spec: { replicas: 2 } });
  });
});

describe('bodies nested past maxBodyDepth', () => {
  it('are refused in encoding/json\'s words, whatever decodes them', () => {
    const deep = Buffer.from(`{"spec":${'{"a":'.repeat(600)}1${'}'.repeat(600)}}`);
    expect(refusal(() => decodePatchBody(deep, 'strategic', 'Strict'))).toBe("400 BadRequest: invalid character '{' exceeded max depth");
    expect(refusal(() => decodePatchBody(Buffer.from(`${'['.repeat(2000)}${']'.repeat(2000)}`), 'json', 'Strict'))).toBe("400 BadRequest: error decoding patch: invalid character '[' exceeded max depth");
    expect(refusal(() => decodeObjectBody(deep, 'Pod', false))).toMatch(/^400 BadRequest: the object provided is unrecognized \(must be of type Pod\): couldn't get version\/kind; json parse error: invalid character '\{' exceeded max depth/);
    expect(refusal(() => decodeDeleteOptionsBody(deep))).toMatch(/exceeded max depth/);
    expect(decodePatchBody(Buffer.from(`${'{"a":'.repeat(499)}1${'}'.repeat(499)}`), 'merge', 'Strict')).toBeTruthy();
  });
});

describe('decodeDeleteOptionsBody', () => {
  it('refuses an undecodable body with the decoder\'s message, as a 400 (kubernetes#133358)', () => {
    expect(refusal(() => decodeDeleteOptionsBody(Buffer.from('propagationPolicy: Orphan')))).toBe(
      "400 BadRequest: couldn't get version/kind; json parse error: invalid character 'p' looking for beginning of value",
    );
    expect(decodeDeleteOptionsBody(Buffer.from('{"propagationPolicy":"Orphan"}'))).toEqual({ propagationPolicy: 'Orphan' });
  });
});
