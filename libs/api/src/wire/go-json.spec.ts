import { describe, expect, it } from 'vitest';
import { GoJsonError, goJsonSyntaxError, goUnmarshalTypeError, parseGoJson } from './go-json.js';

describe('goJsonSyntaxError agrees with JSON.parse on what is JSON', () => {
  it.each(['{"a":[1,2.5e3,-0,true,false,null,"\\u00e9\\n"]}', ' [] ', '"\\ud800"', '{"a":1,}', '[01]', '{"a":"b\tc"}', '1 2', '\ufeff{}', '"\\/"', '{"a":1}garbage'])(
    '%j',
    (text) => {
      let parsed = true;
      try {
        JSON.parse(text);
      } catch {
        parsed = false;
      }
      expect(goJsonSyntaxError(text) === undefined).toBe(parsed);
    },
  );
});

describe('goJsonSyntaxError (encoding/json\'s scanner messages)', () => {
  it.each([
    ['apiVersion: v1\nkind: Pod\n', "invalid character 'a' looking for beginning of value"],
    ['', 'unexpected end of JSON input'],
    ['   \n', 'unexpected end of JSON input'],
    ['{"a":', 'unexpected end of JSON input'],
    ['{"a":"b', 'unexpected end of JSON input'],
    ['-', 'unexpected end of JSON input'],
    ["'x'", "invalid character '\\'' looking for beginning of value"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['nul', 'unexpected end of JSON input'],
    ['{"a":nulL}', "invalid character 'L' in literal null (expecting 'l')"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":1e+}', "invalid character '}' in exponent of numeric literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12G4"', "invalid character 'G' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ['{}x', "invalid character 'x' after top-level value"],
    ['{} {}', "invalid character '{' after top-level value"],
  ])('%j → %s', (text, message) => {
    expect(goJsonSyntaxError(text)).toBe(message);
  });

  it.each(['{}', ' {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]} ', '"x"', '0', '[]'])('accepts %j', (text) => {
    expect(goJsonSyntaxError(text)).toBeUndefined();
    expect(parseGoJson(text)).toEqual(JSON.parse(text));
  });

  it('throws a GoJsonError from parseGoJson', () => {
    expect(() => parseGoJson('{')).toThrow(new GoJsonError('unexpected end of JSON input'));
  });

  it('names JSON value types as UnmarshalTypeError does', () => {
    expect(goUnmarshalTypeError([1], 'map[string]interface {}')).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(goUnmarshalTypeError('x', 'T')).toBe('json: cannot unmarshal string into Go value of type T');
    expect(goUnmarshalTypeError(1, 'T')).toBe('json: cannot unmarshal number into Go value of type T');
    expect(goUnmarshalTypeError(true, 'T')).toBe('json: cannot unmarshal bool into Go value of type T');
  });
});
