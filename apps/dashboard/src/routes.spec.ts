import { describe, expect, it } from 'vitest';
import { doorOf, passesUpgrade, routeOf } from './routes.js';

describe('routeOf', () => {
  it.each([
    ['/', { to: 'file', file: 'index.html', contentType: 'text/html; charset=utf-8' }],
    ['/style.css', { to: 'file', file: 'style.css', contentType: 'text/css; charset=utf-8' }],
    ['/app.css', { to: 'file', file: 'app.css', contentType: 'text/css; charset=utf-8' }],
    ['/app.js?v=1', { to: 'file', file: 'app.js', contentType: 'text/javascript; charset=utf-8' }],
    ['/healthz', { to: 'healthz' }],
    ['/api/v1/pods?watch=true&resourceVersion=12', { to: 'api' }],
    ['/apis/apps/v1/deployments', { to: 'api' }],
    ['/kubelab/v1/events?follow=true', { to: 'api' }],
    ['/chaos/kill-agent', { to: 'control' }],
    ['/status', { to: 'control' }],
    ['/../etc/passwd', undefined],
    ['/public/index.html', undefined],
    ['/apiary', undefined],
    ['/learn/status', { to: 'learn-status', lang: 'en' }],
    ['/learn/status?lang=ko', { to: 'learn-status', lang: 'ko' }],
    ['/learn/status?lang=fr', { to: 'bad-request', message: 'lang must be one of en, ko, got "fr"' }],
    ['/learn/hint?n=1', { to: 'learn-hint', n: 1, lang: 'en' }],
    ['/learn/hint?lang=ko&n=12', { to: 'learn-hint', n: 12, lang: 'ko' }],
    ['/learn/hint', { to: 'bad-request', message: 'n must be the hint\'s number, from 1, got ""' }],
    ['/learn/hint?n=0', { to: 'bad-request', message: 'n must be the hint\'s number, from 1, got "0"' }],
    ['/learn/hint?n=1.5&lang=en', { to: 'bad-request', message: 'n must be the hint\'s number, from 1, got "1.5"' }],
    ['/learn/hint?n=2&lang=jp', { to: 'bad-request', message: 'lang must be one of en, ko, got "jp"' }],
    ['/learn', undefined],
    ['/login?token=abc', { to: 'login', token: 'abc' }],
    ['/login', { to: 'login', token: '' }],
  ])('%s', (url, route) => {
    expect(routeOf(url)).toEqual(route);
  });
});

describe('doorOf', () => {
  it.each([
    ['/healthz', 'host'], ['/login?token=x', 'host'],
    ['/', 'session'], ['/app.js', 'session'], ['/api/v1/pods', 'session'], ['/chaos/kill', 'session'], ['/status', 'session'], ['/learn/status', 'session'], ['/nowhere', 'session'],
  ])('%s asks for a %s', (url, door) => {
    expect(doorOf(routeOf(url))).toBe(door);
  });
});

describe('passesUpgrade', () => {
  it.each([
    ['/api/v1/namespaces/default/pods/web-1/exec?command=sh&stdin=true&tty=true', true],
    ['/api/v1/namespaces/drills/pods/probed/attach?stdin=true', true],
    ['/api/v1/namespaces/default/pods/web-1/portforward?ports=80', false],
    ['/api/v1/namespaces/default/pods/web-1/proxy/exec', false],
    ['/api/v1/namespaces/default/services/web/exec', false],
    ['/api/v1/namespaces/default/pods/../exec', false],
    ['/api/v1/namespaces/../pods/web-1/exec', false],
    ['/api/v1/namespaces/default/pods/%2E%2E/exec', false],
    ['/api/v1/namespaces/default/pods//exec', false],
    ['/api/v1/pods?watch=true', false],
    ['http://elsewhere/api/v1/namespaces/default/pods/web-1/exec', false],
  ])('%s: %s', (url, passes) => {
    expect(passesUpgrade(url)).toBe(passes);
  });
});
