import { describe, expect, it } from 'vitest';
import { routeOf } from './routes.js';

describe('routeOf', () => {
  it.each([
    ['/', { to: 'file', file: 'index.html', contentType: 'text/html; charset=utf-8' }],
    ['/style.css', { to: 'file', file: 'style.css', contentType: 'text/css; charset=utf-8' }],
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
  ])('%s', (url, route) => {
    expect(routeOf(url)).toEqual(route);
  });
});
