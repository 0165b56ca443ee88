import { describe, expect, it } from 'vitest';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, nameIsDNSSubdomain } from './name-formats.js';

describe('name formats', () => {
  it.each([
    [isDNS1123Subdomain, 'web.example.com', []],
    [
      isDNS1123Subdomain,
      'My_Pod',
      [
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      isDNS1123Label,
      'Web',
      [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [isDNS1123Label, 'a.b', ['must not contain dots']],
    [
      isDNS1035Label,
      '1web',
      [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
    [isQualifiedName, 'app.kubernetes.io/name', []],
    [
      isQualifiedName,
      'bad key',
      [
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [isQualifiedName, '/x', ['prefix part must be non-empty']],
    [isValidLabelValue, '', []],
    [
      isValidLabelValue,
      '-x',
      [
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [isValidPortName, 'http', []],
    [isValidPortName, '8080', ['must contain at least one letter (a-z)']],
  ])('%o(%j)', (check, value, messages) => {
    expect(check(value)).toEqual(messages);
  });

  it('allows a trailing dash in a generateName prefix', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
  });
});
