import { describe, expect, it } from 'vitest';
import type { RequestAttributes } from '../../rbac/types.js';
import { authorizerFor } from './cel-library/authorizer-library.js';
import { compileExpression } from './cel-program.js';

const attributesAsked: RequestAttributes[] = [];
// alice may create pods in default and read /healthz; every question is recorded.
const authorizer = authorizerFor({ username: 'alice', groups: ['devs'] }, (user, attrs) => {
  attributesAsked.push(attrs);
  const allowed = user.username === 'alice' && (attrs.resourceRequest ? attrs.resource === 'pods' && attrs.namespace === 'default' && attrs.verb === 'create' : attrs.path === '/healthz');
  return { allowed, reason: allowed ? 'RBAC: allowed by RoleBinding "pods/default" of Role "pods" to User "alice"' : '' };
}, { group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'prod', name: 'web' });

const run = (expression: string) => {
  const compiled = compileExpression(expression, false, 'any');
  if ('error' in compiled) return compiled;
  return compiled.run({ object: { spec: { cidrs: ['10.96.10.0/24', '2001:db8::/96'] } }, oldObject: null, request: {}, namespaceObject: null, variables: {}, authorizer });
};

const table = (cases: [string, unknown][]) => it.each(cases)('%s', (expression, value) => expect(run(expression)).toEqual({ value }));
const errors = (cases: [string, string][]) => it.each(cases)('%s fails', (expression, error) => expect(run(expression)).toEqual({ error: `expression '${expression}' resulted in error: ${error}` }));

describe('the IP library', () => {
  table([
    ["isIP('127.0.0.1') && isIP('::1') && !isIP('127.0.0.256') && !isIP(':::1') && !isIP('fe80::1%eth0') && !isIP('::ffff:1.2.3.4')", true],
    ["ip.isCanonical('127.0.0.1') && ip.isCanonical('2001:db8::abcd')", true],
    ["ip.isCanonical('2001:DB8::ABCD') || ip.isCanonical('2001:db8::0:0:0:abcd')", false],
    ["ip('127.0.0.1').family() == 4 && ip('::1').family() == 6", true],
    ["ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified() && !ip('::1').isUnspecified()", true],
    ["ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && !ip('192.168.0.1').isLoopback()", true],
    ["ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast() && !ip('224.0.1.1').isLinkLocalMulticast()", true],
    ["ip('169.254.169.254').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast() && !ip('fd80::1').isLinkLocalUnicast()", true],
    ["ip('192.168.0.1').isGlobalUnicast() && ip('2001:db8::abcd').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast() && !ip('ff00::1').isGlobalUnicast()", true],
    ["string(ip('2001:0db8:0:0:1:0:0:1'))", '2001:db8::1:0:0:1'],
    ["ip('10.0.0.1') == ip('10.0.0.1') && ip('10.0.0.1') != ip('10.0.0.2')", true],
  ]);
  errors([
    ["ip('127.0.0.256')", 'IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255'],
    ["ip('01.2.3.4')", 'IP Address "01.2.3.4" parse error during conversion from string: ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero'],
    ["ip(':::1')", 'IP Address ":::1" parse error during conversion from string: ParseAddr(":::1"): each colon-separated field must have at least one digit (at ":1")'],
    ["ip('::ffff:1.2.3.4')", 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed'],
    ["ip('fe80::1%eth0')", 'IP address "fe80::1%eth0" with zone value is not allowed'],
  ]);
});

describe('the CIDR library', () => {
  table([
    ["isCIDR('192.168.0.0/16') && isCIDR('::1/128') && !isCIDR('192.168.0.0/33') && !isCIDR('::1/129')", true],
    ["cidr('192.168.0.0/24').containsIP(ip('192.168.0.1')) && cidr('192.168.0.0/24').containsIP('192.168.0.1')", true],
    ["cidr('192.168.0.0/24').containsIP('192.168.1.1') || cidr('::/0').containsIP('10.0.0.1')", false],
    ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24')) && cidr('192.168.0.0/24').containsCIDR('192.168.0.0/25')", true],
    ["cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24') || cidr('192.168.0.0/24').containsCIDR('192.168.0.0/23')", false],
    ["object.spec.cidrs.all(c, ['10.96.0.0/16', '2001:db8::/64'].exists(a, cidr(a).containsCIDR(c)))", true],
    ["string(cidr('192.168.0.1/24').ip())", '192.168.0.1'],
    ["string(cidr('192.168.0.1/24').masked())", '192.168.0.0/24'],
    ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked() && cidr('192.168.0.1/24') != cidr('192.168.0.1/24').masked()", true],
    ["cidr('::1/128').prefixLength()", 128n],
  ]);
  errors([
    ["cidr('192.168.0.0/33')", 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/33"): prefix length out of range'],
    ["cidr('2001:db8::/')", 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""'],
  ]);
});

describe('the URL library', () => {
  table([
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment') && isURL('/absolute-path')", true],
    ["isURL('https://a:b:c/') || isURL('../relative-path')", false],
    ["url('/path').getScheme() + '|' + url('https://example.com/').getScheme()", '|https'],
    ["url('https://example.com:80/').getHost() + '|' + url('https://[::1]:80/').getHost() + '|' + url('/path').getHost()", 'example.com:80|[::1]:80|'],
    ["url('https://[::1]:80/').getHostname() + '|' + url('https://127.0.0.1:80/').getHostname()", '::1|127.0.0.1'],
    ["url('https://example.com:80/').getPort() + '|' + url('https://example.com/').getPort()", '80|'],
    ["url('https://example.com/path with spaces/').getEscapedPath() + '|' + url('https://example.com').getEscapedPath()", '/path%20with%20spaces/|'],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}", true],
    ["url('https://example.com/path?key with spaces=value with spaces').getQuery()['key with spaces']", ['value with spaces']],
    ["url('https://example.com/path?').getQuery().size()", 0n],
  ]);
  errors([
    ["url('../relative-path')", 'URL parse error during conversion from string: parse "../relative-path": invalid URI for request'],
    ["url('https://a:b:c/')", 'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host'],
  ]);
});

describe('the quantity library', () => {
  table([
    ["isQuantity('1.3G') && isQuantity('1.3Gi') && isQuantity('10000k') && !isQuantity('1,3G') && !isQuantity('200K') && !isQuantity('Three') && !isQuantity('Mi')", true],
    ["quantity('50000000G').isInteger() && quantity('50k').isInteger() && !quantity('9999999999999999999999999999999999999G').isInteger()", true],
    ["quantity('50k').asInteger()", 50000n],
    ["quantity('50k').sub(20000).asApproximateFloat()", 30000],
    ["quantity('50k').add(20) == quantity('50020') && quantity('50k').sub(quantity('20k')) == quantity('30k')", true],
    ["quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')", true],
    ["[sign(quantity('5')), sign(quantity('0')), sign(quantity('-1m'))]", [1n, 0n, -1n]],
    ["[quantity('200M').compareTo(quantity('0.2G')), quantity('50M').compareTo(quantity('50Mi')), quantity('50Mi').compareTo(quantity('50M'))]", [0n, -1n, 1n]],
    ["quantity('150Mi').isGreaterThan(quantity('100Mi')) && quantity('50M').isLessThan(quantity('100M'))", true],
    ["quantity('50Mi').isGreaterThan(quantity('100Mi')) || quantity('100M').isLessThan(quantity('50M'))", false],
  ]);
  errors([
    ["quantity('200K')", "unable to parse quantity's suffix"],
    ["quantity('Three')", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["quantity('9999999999999999999999999999999999999G').asInteger()", 'cannot convert value to integer'],
  ]);
});

describe('the format library', () => {
  table([
    ["format.dns1123Label().validate('my-label-name').hasValue() || format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false],
    ["format.named('dns1123Label').hasValue() && !format.named('notAFormat').hasValue()", true],
    ["format.named('dns1035Label').value().validate('1abc').value().size()", 1n],
    ["format.labelValue().validate('a'.repeat(64)).hasValue()", undefined],
    ["format.uuid().validate('nope').value()", ['does not match the UUID format']],
    ["format.uri().validate('../x').value()", ['parse "../x": invalid URI for request']],
    ["[format.date().validate('2021-02-29'), format.datetime().validate('2021-01-01T00:00:00Z'), format.byte().validate('aGVsbG8=')].map(v, v.hasValue())", [true, false, false]],
    ["format.qualifiedName().validate('example.com/Bad Name').value().size() > 0 && !format.dns1123LabelPrefix().validate('prefix-').hasValue()", true],
  ].filter(([, v]) => v !== undefined) as [string, unknown][]);
});

describe('the authorizer', () => {
  table([
    ["authorizer.group('').resource('pods').namespace('default').check('create').allowed()", true],
    ["authorizer.group('').resource('pods').namespace('default').check('create').reason()", 'RBAC: allowed by RoleBinding "pods/default" of Role "pods" to User "alice"'],
    ["authorizer.group('').resource('pods').namespace('kube-system').check('create').allowed() || authorizer.group('apps').resource('deployments').check('create').allowed()", false],
    ["authorizer.path('/healthz').check('get').allowed() && !authorizer.path('/metrics').check('get').allowed()", true],
    ["authorizer.serviceAccount('default', 'builder').group('').resource('pods').namespace('default').check('create').allowed()", false],
    ["authorizer.requestResource.check('update').allowed()", false],
    ["authorizer.group('').resource('pods').namespace('default').name('x').subresource('log').labelSelector('a=b').check('get').errored()", false],
  ]);
  errors([
    ["authorizer.path(' ').check('get').allowed()", 'path must not be empty'],
    ["authorizer.group('apps').resource('').check('get').allowed()", 'resource must not be empty'],
    ["authorizer.serviceAccount('not@a#valid!namespace', 'validname').path('/').check('get').allowed()", 'Invalid service account namespace'],
  ]);
  it('asks with the request\'s resource for requestResource, and as the service account after serviceAccount()', () => {
    attributesAsked.length = 0;
    run("authorizer.requestResource.check('update').allowed()");
    run("authorizer.serviceAccount('default', 'builder').group('apps').resource('deployments').check('list').allowed()");
    expect(attributesAsked).toEqual([
      { resourceRequest: true, verb: 'update', apiGroup: 'apps', apiVersion: '*', resource: 'deployments', subresource: 'scale', name: 'web', namespace: 'prod' },
      { resourceRequest: true, verb: 'list', apiGroup: 'apps', apiVersion: '*', resource: 'deployments' },
    ]);
  });
});

describe('regex, lists, sets and strings', () => {
  table([
    ["'abc 123'.find('[0-9]+') + '|' + 'abc'.find('[0-9]+')", '123|'],
    ["'123 abc 456'.findAll('[0-9]+')", ['123', '456']],
    ["'123 abc 456'.findAll('[0-9]+', 1)", ['123']],
    ["matches('v1.6.1', 'v1.[0-5].\\\\d+') || matches('v1.6.1-rc.1', '-(rc)') && 'v1.6.1'.matches('^v1')", true],
    ["[1, 2, 3].isSorted() && ['a', 'b', 'b', 'c'].isSorted() && ![2.0, 1.0].isSorted()", true],
    ["[[1, 3].sum(), [1, 3].min(), [1, 3].max()]", [4n, 1n, 3n]],
    ["[1, 2, 2, 3].indexOf(2) == 1 && ['a', 'b', 'b', 'c'].lastIndexOf('b') == 2 && [1.0].indexOf(1.1) == -1", true],
    ["sets.contains([1, 2, 3, 4], [2, 3]) && !sets.contains([1, 2], [3])", true],
    ["sets.equivalent([1, 2, 3], [3, 2, 1, 1]) && !sets.equivalent([1], [1, 2])", true],
    ["sets.intersects([1, 2, 3], [3, 4]) && !sets.intersects([1], [2]) && sets.intersects([1], [1.0])", true],
    ["'hello'.charAt(4) + 'hello'.charAt(5)", 'o'],
    ["'hello hello'.replace('he', 'we') + '|' + 'hello hello'.replace('he', 'we', 1) + '|' + 'hello'.replace('l', 'L', 0)", 'wello wello|wello hello|hello'],
    ["strings.quote('first\\nsecond \"quoted\"')", '"first\\nsecond \\"quoted\\""'],
    ["'%s has %d items, %.2f%% done, 0x%x %X %o %b, %e'.format(['list', 3, 12.345, 255, 255, 8, 5, 1234.5])", 'list has 3 items, 12.35% done, 0xff FF 10 101, 1.234500e+03'],
    ["'%s'.format([[1, 'a', true]])", '[1, "a", true]'],
  ]);
  errors([
    ["[].min()", 'min called on empty list'],
    ["'hello'.charAt(6)", 'index out of range: 6'],
    ["'%d'.format([1.5])", 'error during formatting: decimal clause can only be used on integers, was given double'],
    ["'%z'.format([1])", 'could not parse formatting clause: unrecognized formatting clause "z"'],
  ]);
});
