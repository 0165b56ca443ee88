import { describe, expect, it } from 'vitest';
import { acceptedHosts, cookieValue, defaultAcceptHosts, hostName, parseAcceptHosts, refusal, sessionCookie, sessionOf, type Knock } from './doors.js';

const session = sessionOf('s3cret');
const cookie = `${session.cookieName}=${session.cookieValue}`;
const loopback = acceptedHosts('127.0.0.1');
const page = (knock: Partial<Knock>): Knock => ({ method: 'GET', host: '127.0.0.1:6480', cookie, upgrade: false, ...knock });
const lacks = (knock: Partial<Knock>, door: 'host' | 'session' = 'session') => refusal(page(knock), door, loopback, session)?.lacks;

describe('hostName and the accepted hosts (kubectl proxy\'s --accept-hosts)', () => {
  it.each([
    ['127.0.0.1:6480', '127.0.0.1'], ['localhost', 'localhost'], ['[::1]:6480', '[::1]'], ['[::1]', '[::1]'], ['evil.example:6480', 'evil.example'], ['', ''],
  ])('%s names %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });

  it('accepts kubectl proxy\'s default, plus the address the dashboard listens on unless that is every address or listed already', () => {
    expect(defaultAcceptHosts).toBe('^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$');
    expect(acceptedHosts('127.0.0.1').map(String)).toEqual(['/^localhost$/', '/^127\\.0\\.0\\.1$/', '/^\\[::1\\]$/']);
    expect(acceptedHosts('0.0.0.0')).toHaveLength(3);
    expect(acceptedHosts('::')).toHaveLength(3);
    expect(acceptedHosts('192.168.1.5', '^kubelab\\.test$').map(String)).toEqual(['/^kubelab\\.test$/', '/^192\\.168\\.1\\.5$/']);
    expect(acceptedHosts('fd00::5').some((re) => re.test('[fd00::5]'))).toBe(true);
    expect(() => parseAcceptHosts('^ok$,(')).toThrow('--accept-hosts: "(" is not a regular expression');
  });
});

describe('the session', () => {
  it('is named and valued after the lab\'s secret, never holding it, and stays the same for the same secret', () => {
    expect(sessionOf('s3cret')).toEqual(session);
    expect(sessionOf('other').cookieName).not.toBe(session.cookieName);
    expect(session.cookieValue).not.toContain('s3cret');
    expect(sessionCookie(session)).toBe(`${session.cookieName}=${session.cookieValue}; Path=/; HttpOnly; SameSite=Strict`);
  });

  it('is read from a Cookie header among others', () => {
    expect(cookieValue(`a=1; ${cookie}; b=2`, session.cookieName)).toBe(session.cookieValue);
    expect(cookieValue('a=1', session.cookieName)).toBeUndefined();
    expect(cookieValue(undefined, session.cookieName)).toBeUndefined();
  });
});

describe('refusal', () => {
  it.each<[string, Partial<Knock>, 'host' | 'session', string | undefined]>([
    ['a signed-in page reads', {}, 'session', undefined],
    ['localhost and [::1] by name', { host: 'localhost:6480' }, 'session', undefined],
    ['a rebound name (DNS rebinding)', { host: 'evil.example:6480' }, 'session', 'host'],
    ['a name that only starts like loopback', { host: '127.0.0.1.evil.example:6480' }, 'session', 'host'],
    ['no Host at all (HTTP/1.0)', { host: undefined }, 'session', 'host'],
    ['a foreign Host even at /healthz', { host: 'evil.example' }, 'host', 'host'],
    ['/healthz and /login need no session', { cookie: undefined }, 'host', undefined],
    ['no cookie', { cookie: undefined }, 'session', 'session'],
    ['a forged cookie', { cookie: `${session.cookieName}=${'0'.repeat(64)}` }, 'session', 'session'],
    ['another lab\'s cookie', { cookie: `${sessionOf('other').cookieName}=${sessionOf('other').cookieValue}` }, 'session', 'session'],
    ['a POST from its own page', { method: 'POST', origin: 'http://127.0.0.1:6480', contentType: 'application/json' }, 'session', undefined],
    ['a DELETE from its own page, without a body', { method: 'DELETE', origin: 'http://127.0.0.1:6480' }, 'session', undefined],
    ['a POST without an Origin', { method: 'POST', contentType: 'application/json' }, 'session', 'origin'],
    ['a POST from another site', { method: 'POST', origin: 'http://evil.example:6480', contentType: 'application/json' }, 'session', 'origin'],
    ['a POST from another port of loopback', { method: 'POST', origin: 'http://127.0.0.1:8080', contentType: 'application/json' }, 'session', 'origin'],
    ['a POST from an opaque origin', { method: 'POST', origin: 'null', contentType: 'application/json' }, 'session', 'origin'],
    ['a POST from https', { method: 'POST', origin: 'https://127.0.0.1:6480', contentType: 'application/json' }, 'session', 'origin'],
    ['a text/plain POST, even from its own page', { method: 'POST', origin: 'http://127.0.0.1:6480', contentType: 'text/plain;charset=UTF-8' }, 'session', 'json'],
    ['a form POST', { method: 'POST', origin: 'http://127.0.0.1:6480', contentType: 'application/x-www-form-urlencoded' }, 'session', 'json'],
    ['a multipart POST', { method: 'POST', origin: 'http://127.0.0.1:6480', contentType: 'Multipart/Form-Data; boundary=x' }, 'session', 'json'],
    ['an upgrade from its own page', { upgrade: true, origin: 'http://127.0.0.1:6480' }, 'session', undefined],
    ['an upgrade with a rebinding Origin', { upgrade: true, origin: 'http://evil.example:6480' }, 'session', 'origin'],
    ['an upgrade without an Origin', { upgrade: true }, 'session', 'origin'],
    ['an upgrade without a session', { upgrade: true, origin: 'http://127.0.0.1:6480', cookie: undefined }, 'session', 'session'],
  ])('%s', (_name, knock, door, expected) => {
    expect(lacks(knock, door)).toBe(expected);
  });

  it('says how to get in, with a Status code and reason', () => {
    expect(refusal(page({ host: 'evil.example:6480' }), 'session', loopback, session)).toMatchObject({
      code: 403, reason: 'Forbidden', message: expect.stringContaining('not Host "evil.example:6480": open the login URL that `kubelab up` printed'),
    });
    expect(refusal(page({ cookie: undefined }), 'session', loopback, session)?.message).toContain('`kubelab status` prints it again');
    expect(refusal(page({ method: 'POST', origin: 'http://127.0.0.1:6480', contentType: 'text/plain' }), 'session', loopback, session))
      .toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });
});
