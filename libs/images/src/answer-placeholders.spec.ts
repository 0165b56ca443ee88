import { describe, expect, it } from 'vitest';
import { fillPlaceholders, type PlaceholderFacts, placeholderProblems } from './answer-placeholders.js';

const facts: PlaceholderFacts = {
  hostname: 'web-7d9f-abcde',
  podIP: '10.244.2.17',
  port: 8080,
  argv: ['/http-echo', '-listen', ':8080', '--text=hello world', '-status-code', '404'],
  env: { ECHO_TEXT: 'from env', EMPTY: '' },
  now: new Date(Date.UTC(2025, 0, 9, 8, 7, 6, 450)),
  uptimeSeconds: 12.25,
  request: { target: '/echo?msg=hi+there&code=%32', host: 'web:8080', remoteAddr: '10.244.1.3:40000', requestId: '0123456789abcdef0123456789abcdef' },
};

describe('fillPlaceholders', () => {
  it.each([
    ['{{hostname}} at {{podIP}}:{{port}}', 'web-7d9f-abcde at 10.244.2.17:8080'],
    ['{{linkLocalIPv6}}', 'fe80::42:aff:fef4:211'],
    ['{{path}} | {{query:msg}} | {{query:code}} | {{query:none}}.', '/echo?msg=hi+there&code=%32 | hi there | 2 | .'],
    ['Host: {{host}}; from {{remoteAddr}}; id {{requestId}}', 'Host: web:8080; from 10.244.1.3:40000; id 0123456789abcdef0123456789abcdef'],
    ['{{date}}', '09/Jan/2025:08:07:06 +0000'],
    ['NOW: {{date:go}}', 'NOW: 2025-01-09 08:07:06.45 +0000 UTC m=+12.250000000'],
    ['{{arg:text}}/{{arg:listen}}/{{arg:status-code}}/{{arg:missing}}', 'hello world/:8080/404/'],
    ['{{env:ECHO_TEXT}}', 'from env'],
    ['{{arg:missing|env:EMPTY|env:ECHO_TEXT}}', 'from env'],
    ["{{arg:udp-port|'8081'}}", '8081'],
    ['no placeholders', 'no placeholders'],
  ])('fills %s', (text, expected) => {
    expect(fillPlaceholders(text, facts)).toBe(expected);
  });

  it('writes the request\'s headers as Go\'s Request.Write does, User-Agent first, else the quoted default where the network carried none', () => {
    const sent = { ...facts, request: { ...facts.request!, headers: [['accept', '*/*'], ['x-canary', 'always'], ['user-agent', 'curl/7.88.1'], ['X-FORWARDED-FOR', '127.0.0.1']] as [string, string][] } };
    const text = "{{headers|'User-Agent: curl/8.11.1\r\n'}}";
    expect(fillPlaceholders(text, sent)).toBe('User-Agent: curl/7.88.1\r\nAccept: */*\r\nX-Canary: always\r\nX-Forwarded-For: 127.0.0.1\r\n');
    expect(fillPlaceholders(text, facts)).toBe('User-Agent: curl/8.11.1\r\n');
  });

  it('prints whole seconds without a fraction, as Go does', () => {
    expect(fillPlaceholders('{{date:go}}', { ...facts, now: new Date(Date.UTC(2025, 11, 31, 23, 59, 59)), uptimeSeconds: 0 })).toBe('2025-12-31 23:59:59 +0000 UTC m=+0.000000000');
  });

  it("leaves a request's placeholders empty outside a request (a log line), and the IPv6 address unknown for an address that is not IPv4", () => {
    const { request: _request, ...logFacts } = facts;
    expect(fillPlaceholders('[{{path}}][{{remoteAddr}}] on :{{port}}', logFacts)).toBe('[][] on :8080');
    expect(fillPlaceholders('[{{linkLocalIPv6}}]', { ...facts, podIP: '' })).toBe('[]');
  });
});

describe('placeholderProblems', () => {
  it('accepts every placeholder, alternatives and quoted defaults', () => {
    const text = '{{hostname}}{{podIP}}{{port}}{{path}}{{query:q}}{{host}}{{remoteAddr}}{{requestId}}{{date}}{{date:go}}{{linkLocalIPv6}}{{arg:text|env:TEXT}}{{arg:x|\'y\'}}';
    expect(placeholderProblems(text, 'body')).toEqual([]);
  });

  it.each<[string, 'body' | 'log', string[]]>([
    ['{{podip}}', 'body', ['{{podip}}: unknown placeholder "podip" (known: hostname, podIP, port, date, linkLocalIPv6, arg, env, path, query, host, remoteAddr, requestId, headers)']],
    ['{{arg}} {{env:}}', 'body', ['{{arg}}: arg needs a name, as in {{arg:NAME}}', '{{env:}}: env needs a name, as in {{env:NAME}}']],
    ['{{date:iso}} {{hostname:x}}', 'body', ["{{date:iso}}: date formats: {{date}} (nginx's $time_local), {{date:go}}", '{{hostname:x}}: hostname takes no parameter']],
    ['served {{path}} to {{remoteAddr|podIP}}', 'log', ["{{path}}: path is a request's, and a log line has no request", "{{remoteAddr|podIP}}: remoteAddr is a request's, and a log line has no request"]],
  ])('reports %s in a %s', (text, use, expected) => {
    expect(placeholderProblems(text, use)).toEqual(expected);
  });
});
