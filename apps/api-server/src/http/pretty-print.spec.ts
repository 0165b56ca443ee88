import { describe, expect, it } from 'vitest';
import { indentJson, isPrettyPrint } from './pretty-print.js';

describe('isPrettyPrint (kube-apiserver negotiation)', () => {
  it.each([
    ['/api', 'curl/8.11.1', true],
    ['/api', 'Wget', true],
    ['/api', 'Mozilla/5.0 (X11; Linux x86_64)', true],
    ['/api', 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc', false],
    ['/api', undefined, false],
    ['/api?pretty=true', 'kubectl/v1.32.0', true],
    ['/api?pretty=1', undefined, true],
    ['/api?pretty=false', 'curl/8.11.1', false],
    ['/api?pretty=', 'curl/8.11.1', true],
  ])('%s from %s: %s', (url, agent, expected) => {
    expect(isPrettyPrint(url, agent)).toBe(expected);
  });

  it('indents with two spaces and ends with a newline, keeping the order of fields', () => {
    expect(indentJson('{"kind":"APIVersions","versions":["v1"]}\n')).toBe('{\n  "kind": "APIVersions",\n  "versions": [\n    "v1"\n  ]\n}\n');
  });
});
