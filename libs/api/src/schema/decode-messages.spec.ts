import { describe, expect, it } from 'vitest';
import { decodeErrorMessage, strictDecodingMessage, unknownFieldWarnings } from './decode-messages.js';

describe('decode messages', () => {
  it('words one unknown field like kube-apiserver', () => {
    expect(strictDecodingMessage('Pod', 'v1', ['spec.containers[0].readinessprobe'])).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].readinessprobe"',
    );
  });

  it('joins several unknown fields with commas', () => {
    expect(strictDecodingMessage('Deployment', 'v1', ['metadate', 'spec.replica'])).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadate", unknown field "spec.replica"',
    );
  });

  it('wraps a Go decoding error', () => {
    expect(decodeErrorMessage('Pod', 'v1', 'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string')).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string',
    );
  });

  it('gives one warning per unknown field', () => {
    expect(unknownFieldWarnings(['spec.x', 'metadata.y'])).toEqual(['unknown field "spec.x"', 'unknown field "metadata.y"']);
  });
});
