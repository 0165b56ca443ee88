import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, type RequestFacts } from './answer-placeholders.js';
import type { ImageBehaviour } from './catalog-types.js';
import { decideContainerProcess, missingRequiredEnv } from './container-process.js';
import { imageHasProgram } from './image-programs.js';
import { lookupImage, type ResolvedImage } from './lookup-image.js';
import { parseCatalog } from './parse-catalog.js';

const catalog = parseCatalog(parse(readFileSync(new URL('../../../deploy/images.yaml', import.meta.url), 'utf8')));
const shellRuns = (program: string) => ['sh', 'bash', 'echo', 'sleep', 'cat'].includes(program);

function image(ref: string): ResolvedImage {
  const lookup = lookupImage(catalog, ref);
  if (!lookup.found) throw new Error(lookup.failure.message);
  return lookup.image;
}

function failure(ref: string): string {
  const lookup = lookupImage(catalog, ref);
  if (lookup.found) throw new Error(`${ref} was found`);
  return lookup.failure.message;
}

describe('deploy/images.yaml', () => {
  it.each([
    // What the Kubernetes documentation's examples and tutorials pull.
    'registry.k8s.io/pause:3.10',
    'registry.k8s.io/pause:3.8',
    'registry.k8s.io/pause:2.0',
    'registry.k8s.io/busybox',
    'registry.k8s.io/busybox:1.27.2',
    'registry.k8s.io/e2e-test-images/agnhost:2.39',
    'registry.k8s.io/e2e-test-images/agnhost:2.40',
    'registry.k8s.io/e2e-test-images/busybox:1.29-4',
    'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3',
    'registry.k8s.io/nginx-slim:0.7',
    'registry.k8s.io/nginx-slim:0.24',
    'registry.k8s.io/liveness',
    'registry.k8s.io/goproxy:0.1',
    'registry.k8s.io/etcd:3.5.1-0',
    'registry.k8s.io/echoserver:1.4',
    'registry.k8s.io/hpa-example',
    'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10',
    'registry.k8s.io/coredns/coredns:v1.11.3',
    'registry.k8s.io/kube-proxy:v1.32.0',
    'us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0',
    'gcr.io/google-samples/hello-app:1.0',
    'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
    'quay.io/fluentd_elasticsearch/fluentd:v5.0.1',
    'gcr.io/google-samples/hello-frontend:1.0',
    'registry.k8s.io/event-exporter:v0.2.3',
    'registry.k8s.io/node-problem-detector:v0.1',
    'alpine/socat:1.8.0.3',
    'alpine/socat',
    // Docker Hub's official images, as beginner guides tag them.
    'nginx', 'nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.7.9', 'nginx:1.25', 'nginx:1.27.3', 'nginx:1.21.6-alpine', 'nginx:1.19.10-perl', 'nginx:stable', 'nginx:mainline-alpine',
    'busybox', 'busybox:1.28', 'busybox:1.36.1', 'busybox:1.35-musl', 'busybox:stable',
    'alpine', 'alpine:3.19', 'alpine:3.18.4', 'debian', 'debian:bookworm-slim', 'debian:11', 'ubuntu', 'ubuntu:22.04', 'ubuntu:jammy',
    'centos:7', 'rockylinux:9', 'fedora:40', 'hello-world', 'bash:5', 'docker.io/library/bash',
    'httpd', 'httpd:2.4-alpine', 'redis', 'redis:6.0.5', 'redis:7.2-alpine', 'postgres:15', 'postgres:16-alpine', 'mysql:5.7', 'mysql:8.0', 'mariadb:10.6',
    'mongo:7.0', 'memcached:1.6', 'rabbitmq:3-management', 'traefik:v2.10', 'wordpress:6.2.1-apache', 'wordpress:4.8-apache', 'php:8.2-apache',
    'python:3.12', 'python:3.11-slim', 'python:3.12-alpine', 'node:20', 'node:18-alpine', 'golang:1.22', 'perl:5.34.0', 'openjdk:17', 'eclipse-temurin:21-jre',
    'gcr.io/google-samples/kubernetes-bootcamp:v1', 'jocatalin/kubernetes-bootcamp:v2', 'gcr.io/google-samples/hello-go-gke:1.0', 'bprashanth/nginxhttps:1.0',
    'docker.io/curlimages/curl:8.18.0', 'kicbase/echo-server:1.0', 'paulbouwer/hello-kubernetes:1.10', 'nginx:1.9.2', 'docker.io/library/bash:5',
    'polinux/stress', 'vish/stress', 'gcr.io/google-samples/cassandra:v13', 'registry.k8s.io/etcd:3.6.5-0', 'gcr.io/google-samples/xtrabackup:1.0',
    'curlimages/curl', 'nicolaka/netshoot', 'registry:2', 'hashicorp/http-echo', 'gcr.io/kuar-demo/kuard-amd64:blue',
    // kubelab's lesson images.
    'kubelab/hello:1.0', 'kubelab/hello:2.0', 'kubelab/crasher:1.0', 'kubelab/oom:1.0', 'kubelab/slow-start:1.0', 'kubelab/unhealthy:1.0',
  ])('offers %s', (ref) => {
    expect(image(ref).digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('pulls the legacy k8s.gcr.io names of old tutorials from registry.k8s.io, under the name written', () => {
    expect(image('k8s.gcr.io/echoserver:1.4')).toMatchObject({ image: 'k8s.gcr.io/echoserver:1.4', behaviour: { listens: [8080, 8443] } });
    expect(image('k8s.gcr.io/busybox').imageID).toMatch(/^k8s\.gcr\.io\/busybox@sha256:/);
    expect(failure('k8s.gcr.io/pause:9.9')).toContain('k8s.gcr.io/pause:9.9: not found');
  });

  it('gives each tag of a pattern its own digest, and pulls it by that digest too', () => {
    const patch = image('nginx:1.21.6');
    expect(patch.digest).not.toBe(image('nginx:1.21.5').digest);
    expect(image(`nginx@${patch.digest}`)).toMatchObject({ tags: ['1.21.6'], image: `docker.io/library/nginx@${patch.digest}` });
    expect(image(`nginx:1.27@${image('nginx:1.27').digest}`).tags).toContain('latest');
  });

  it.each([
    ['nginx:9.9', 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found'],
    ['nginx:1.30.0', 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.30.0": failed to resolve reference "docker.io/library/nginx:1.30.0": docker.io/library/nginx:1.30.0: not found'],
    [
      'my-app:1.0.0',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/my-app:1.0.0": failed to resolve reference "docker.io/library/my-app:1.0.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    ['registry.k8s.io/pause:9.9', 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/pause:9.9": failed to resolve reference "registry.k8s.io/pause:9.9": registry.k8s.io/pause:9.9: not found'],
    [
      'my.registry.example/team/app:1',
      'rpc error: code = Unknown desc = failed to pull and unpack image "my.registry.example/team/app:1": failed to resolve reference "my.registry.example/team/app:1": failed to do request: Head "https://my.registry.example/v2/team/app/manifests/1": dial tcp: lookup my.registry.example: no such host',
    ],
    [
      'localhost:5000/app:1',
      'rpc error: code = Unknown desc = failed to pull and unpack image "localhost:5000/app:1": failed to resolve reference "localhost:5000/app:1": failed to do request: Head "https://localhost:5000/v2/app/manifests/1": dial tcp 127.0.0.1:5000: connect: connection refused',
    ],
  ])('fails %s as containerd does', (ref, message) => {
    expect(failure(ref)).toBe(message);
  });

  it('fails a digest nothing has', () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(failure(`nginx@${digest}`)).toContain(`docker.io/library/nginx@${digest}: not found`);
  });

  it('serves the nginx welcome page from a long-running server with its files', () => {
    const { behaviour } = image('nginx:1.14.2');
    expect(behaviour.exitAfterSeconds).toBeUndefined();
    expect(behaviour.listens).toEqual([80]);
    expect(behaviour.documentRoot).toBe('/usr/share/nginx/html');
    expect(behaviour.files['/usr/share/nginx/html/index.html']).toContain('<title>Welcome to nginx!</title>');
    expect(behaviour.files['/etc/nginx/nginx.conf']).toContain('include /etc/nginx/conf.d/*.conf;');
    expect(behaviour.files['/etc/os-release']).toContain('ID=debian');
    expect(image('nginx:alpine').behaviour.files['/etc/os-release']).toContain('ID=alpine');
  });

  it('serves nginx\'s pages only as files, so a volume mounted on the document root hides them (nginx, the StatefulSet tutorial\'s nginx-slim)', () => {
    for (const ref of ['nginx', 'nginx:1.14.2', 'registry.k8s.io/nginx-slim:0.21', 'registry.k8s.io/nginx-slim:0.8']) {
      const { behaviour } = image(ref);
      expect(behaviour.documentRoot, ref).toBe('/usr/share/nginx/html');
      expect(behaviour.files['/usr/share/nginx/html/index.html'], ref).toContain('<h1>Welcome to nginx!</h1>');
      expect(Object.keys(behaviour.http), ref).toEqual(['*']);
      expect(behaviour.directoryListing, ref).toBe(false);
    }
    expect(image('httpd:2.4').behaviour).toMatchObject({ documentRoot: '/usr/local/apache2/htdocs', directoryListing: true });
  });

  it('tags latest and 1.27 as one nginx image', () => {
    expect(image('nginx:latest').digest).toBe(image('nginx:1.27').digest);
  });

  it.each(['busybox:1.36', 'alpine:3.21', 'debian:12', 'ubuntu:24.04', 'centos:7'])('ends %s at once: its shell has no TTY', (ref) => {
    expect(decideContainerProcess(image(ref).behaviour, undefined, undefined, shellRuns)).toMatchObject({ kind: 'image', behaviour: { exitAfterSeconds: 0, exitCode: 0 } });
  });

  it.each([
    ['busybox:1.28', 'bin dev etc home lib lib64 proc root sys tmp usr var'],
    ['busybox', 'bin dev etc home lib lib64 proc root sys tmp usr var'],
    ['alpine:3.21', 'bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var'],
    ['debian:12', 'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var'],
  ])('gives %s the top-level directories of the image: %s', (ref, listing) => {
    const { behaviour } = image(ref);
    const topLevel = new Set([...behaviour.directories, ...Object.keys(behaviour.files), '/tmp', '/dev'].map((path) => path.split('/')[1]));
    expect([...topLevel].sort().join(' ')).toBe(listing);
  });

  it.each([
    ['busybox:1.28', '1.28.4'],
    ['registry.k8s.io/busybox:1.27.2', '1.27.2'],
    ['busybox:1.36', undefined],
    ['busybox', undefined],
  ])('names the BusyBox release of %s where its applets\' output differs: %s', (ref, version) => {
    expect(image(ref).behaviour.busyboxVersion).toBe(version);
  });

  it('prints the hello-world message and exits 0', () => {
    const { behaviour } = image('hello-world');
    expect(behaviour).toMatchObject({ exitAfterSeconds: 0, exitCode: 0 });
    expect(behaviour.logs).toContain('Hello from Docker!');
  });

  it.each([
    ['alpine', 'bash', false],
    ['alpine', 'sh', true],
    ['debian', 'bash', true],
    ['debian', 'ps', false],
    ['ubuntu', 'ps', true],
    ['busybox', 'rev', true],
    ['nginx', 'curl', true],
    // procps is not in nginx's Debian image: `kubectl exec … -- ps` fails there.
    ['nginx', 'ps', false],
    ['nginx:1.14.2', 'ps', false],
    ['registry.k8s.io/nginx-slim:0.21', 'curl', true],
    ['registry.k8s.io/nginx-slim:0.21', 'ps', false],
    ['gcr.io/google-samples/kubernetes-bootcamp:v1', 'curl', true],
    ['gcr.io/google-samples/kubernetes-bootcamp:v1', 'bash', true],
    ['ubuntu', 'chroot', true],
    ['debian', 'chroot', true],
    ['busybox:1.28', 'nslookup', true],
    ['registry.k8s.io/pause:3.10', 'sh', false],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', 'agnhost', true],
    ['python:3.12', 'python3', true],
  ])('%s has %s: %s', (ref, program, expected) => {
    expect(imageHasProgram(image(ref).behaviour, program)).toBe(expected);
  });

  it.each<[string, string[] | undefined, string[] | undefined, number[]]>([
    ['nginx', ['nginx', '-g', 'daemon off;'], undefined, [80]],
    ['redis', ['redis-server'], undefined, [6379]],
    ['redis', undefined, ['--port', '6380'], [6380]],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', undefined, ['netexec', '--http-port=8080'], [8080]],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', undefined, ['serve-hostname'], [9376]],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', ['/agnhost', 'liveness'], undefined, [8080]],
    ['python:3.12', ['python', '-m', 'http.server', '8000'], undefined, [8000]],
    ['registry.k8s.io/etcd:3.5.1-0', ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379'], undefined, [2379, 2380, 2381]],
    ['registry.k8s.io/etcd:3.5.16-0', ['etcd', '--listen-client-urls=https://127.0.0.1:2379,https://172.18.0.2:2379', '--listen-metrics-urls=http://127.0.0.1:2381'], undefined, [2379, 2380, 2381]],
    ['hashicorp/http-echo:1.0', undefined, ['-listen=:8080', '-text=apple'], [8080]],
    ['redis:5', undefined, ['/usr/local/etc/redis/redis.conf'], [6379]],
  ])('runs %s %j %j as its own server on %j', (ref, command, args, listens) => {
    expect(decideContainerProcess(image(ref).behaviour, command, args, shellRuns)).toMatchObject({ kind: 'image', behaviour: { listens, exitAfterSeconds: undefined } });
  });

  it("gives the memory exercise's stress what --vm-bytes asks, to be OOM-killed past its limit", () => {
    const process = decideContainerProcess(image('polinux/stress').behaviour, ['stress'], ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], shellRuns);
    expect(process).toMatchObject({ kind: 'image', behaviour: { memoryMiB: 250, exitAfterSeconds: undefined } });
  });

  it.each([
    ['the CPU exercise\'s vish/stress -cpus 2', 'vish/stress', undefined, ['-cpus', '2'], { cpuMillicores: 2000 }],
    ['polinux/stress --cpu 1', 'polinux/stress', ['stress'], ['--cpu', '1'], { cpuMillicores: 1000, memoryMiB: 1 }],
    ['the memory exercise\'s polinux/stress --vm 1 --vm-bytes 150M', 'polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], { memoryMiB: 150, cpuMillicores: 0 }],
    ['the HPA walkthrough\'s php-apache, which computes for every request', 'registry.k8s.io/hpa-example', undefined, undefined, { cpuMillisecondsPerRequest: 10 }],
  ])('gives %s its CPU and memory', (_, ref, command, args, usage) => {
    expect(decideContainerProcess(image(ref).behaviour, command, args, shellRuns)).toMatchObject({ kind: 'image', behaviour: usage });
  });

  it('starts mysql 5.7 with MYSQL_ALLOW_EMPTY_PASSWORD, as the StatefulSet tutorial does, and refuses it without any password setting', () => {
    const mysql = image('mysql:5.7').behaviour;
    expect(missingRequiredEnv(mysql, { MYSQL_ALLOW_EMPTY_PASSWORD: '1' })).toBeUndefined();
    expect(missingRequiredEnv(mysql, {})?.logs[0]).toBe('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
  });

  it('ends nginx -T (the rolling-update example) after printing its configuration', () => {
    expect(decideContainerProcess(image('nginx:1.9.2').behaviour, undefined, ['nginx', '-T'], shellRuns)).toMatchObject({ kind: 'image', behaviour: { exitAfterSeconds: 0, listens: [] } });
  });

  it('answers what http-echo is told to (-text), as the ingress tutorials use it', () => {
    const process = decideContainerProcess(image('hashicorp/http-echo:1.0').behaviour, undefined, ['-text=just made some syscalls!'], shellRuns);
    expect(process).toMatchObject({ kind: 'image', behaviour: { listens: [5678] } });
    expect(answer('hashicorp/http-echo:1.0', { args: ['-text=just made some syscalls!'] }, '/')).toBe('just made some syscalls!\n');
  });

  it('serves the Kubernetes Basics tutorial app on 8080', () => {
    const process = decideContainerProcess(image('gcr.io/google-samples/kubernetes-bootcamp:v1').behaviour, undefined, undefined, shellRuns);
    expect(process).toMatchObject({ kind: 'image', behaviour: { listens: [8080], http: { '*': { body: 'Hello Kubernetes bootcamp! | Running on: {{hostname}} | v=1\n' } } } });
  });

  it('runs any other command through the shell, whatever the image', () => {
    expect(decideContainerProcess(image('nginx').behaviour, ['sh', '-c', 'echo hi'], undefined, shellRuns).kind).toBe('shell');
    expect(decideContainerProcess(image('alpine').behaviour, ['bash', '-c', 'echo hi'], undefined, shellRuns).kind).toBe('missing');
  });

  it.each([
    ['kubelab/crasher:1.0', { exitAfterSeconds: 2, exitCode: 1 }],
    ['kubelab/oom:1.0', { memoryGrowthMiBPerSecond: 10 }],
    ['kubelab/slow-start:1.0', { readyAfterSeconds: 20, listens: [8080] }],
    ['kubelab/unhealthy:1.0', { unhealthyAfterSeconds: 30, listens: [8080] }],
  ])('gives %s its lesson', (ref, behaviour) => {
    expect(image(ref).behaviour).toMatchObject(behaviour);
  });
});

/** A request from a pod at 10.244.2.7 to a pod at 10.244.1.5 (named web-1) on `port`, at 2018-02-07 16:05:05.123 UTC. */
const now = new Date(Date.UTC(2018, 1, 7, 16, 5, 5, 123));
const request = (target: string): RequestFacts => ({ target, host: '10.244.1.5', remoteAddr: '10.244.2.7:41234', requestId: '48ba0db334a6ed165e783469c2af868f' });

/** The container's process, as the node decides it. */
function server(ref: string, spec: { command?: string[]; args?: string[]; env?: Record<string, string> }): { argv: readonly string[]; behaviour: ImageBehaviour } {
  const behaviour = image(ref).behaviour;
  const process = decideContainerProcess(behaviour, spec.command, spec.args, shellRuns, { env: { ...behaviour.env, ...spec.env } });
  if (process.kind !== 'image') throw new Error(`${ref} runs ${process.kind}`);
  return process;
}

/** What the container answers at `target` on its first port, its placeholders filled as the node fills them. */
function answer(ref: string, spec: { command?: string[]; args?: string[]; env?: Record<string, string> }, target: string): string | undefined {
  const { argv, behaviour } = server(ref, spec);
  const path = target.split('?')[0];
  const body = (behaviour.http[path] ?? behaviour.http['*'])?.body;
  const env = { ...behaviour.env, ...spec.env };
  return body === undefined ? undefined : fillPlaceholders(body, { hostname: 'web-1', podIP: '10.244.1.5', port: behaviour.listens[0], argv, env, now, uptimeSeconds: 1.5, request: request(target) });
}

/** What the container prints as it starts. */
function startLogs(ref: string, spec: { command?: string[]; args?: string[]; env?: Record<string, string> }): string[] {
  const { argv, behaviour } = server(ref, spec);
  const env = { ...behaviour.env, ...spec.env };
  return behaviour.logs.map((line) => fillPlaceholders(line, { hostname: 'web-1', podIP: '10.244.1.5', port: behaviour.listens[0], argv, env, now, uptimeSeconds: 0 }));
}

describe('apps that answer, as the Kubernetes, Gateway API and Ingress guides show them', () => {
  it.each<[string, { command?: string[]; args?: string[]; env?: Record<string, string> }, string, string]>([
    ['hashicorp/http-echo:1.0', { args: ['-text=apple'] }, '/apple', 'apple\n'],
    ['hashicorp/http-echo:0.2.3', { args: ['-text', 'hello world'] }, '/', 'hello world\n'],
    ['hashicorp/http-echo', { args: ['--text=bar', '-listen=:8080'] }, '/foo', 'bar\n'],
    ['hashicorp/http-echo:1.0', {}, '/', 'hello-world\n'],
    ['hashicorp/http-echo:1.0', { env: { ECHO_TEXT: 'from env' } }, '/', 'from env\n'],
    ['hashicorp/http-echo:1.0', { args: ['-text=apple'] }, '/health', '{"status":"ok"}\n'],
    ['gcr.io/google-samples/hello-app:1.0', {}, '/any/path', 'Hello, world!\nVersion: 1.0.0\nHostname: web-1\n'],
    ['gcr.io/google-samples/hello-app:2.0', {}, '/', 'Hello, world!\nVersion: 2.0.0\nHostname: web-1\n'],
    ['us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0', {}, '/', 'Hello, world!\nVersion: 1.0.0\nHostname: web-1\n'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/hostname', 'web-1'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/echo?msg=hello%20there', 'hello there'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/echo', ''],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/clientip', '10.244.2.7:41234'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/', 'NOW: 2018-02-07 16:05:05.123 +0000 UTC m=+1.500000000'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, '/anything', 'NOW: 2018-02-07 16:05:05.123 +0000 UTC m=+1.500000000'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { command: ['/agnhost', 'serve-hostname'] }, '/', 'web-1'],
    [
      'traefik/whoami:v1.10.3', {}, '/api?x=1',
      '{"hostname":"web-1","ip":["127.0.0.1","::1","10.244.1.5","fe80::42:aff:fef4:105"],"headers":{"Accept":["*/*"],"User-Agent":["curl/8.11.1"]},' +
        '"url":"/api?x=1","host":"10.244.1.5","method":"GET","remoteAddr":"10.244.2.7:41234"}\n',
    ],
    [
      'traefik/whoami', {}, '/foo?bar=1',
      'Hostname: web-1\nIP: 127.0.0.1\nIP: ::1\nIP: 10.244.1.5\nIP: fe80::42:aff:fef4:105\nRemoteAddr: 10.244.2.7:41234\n' +
        'GET /foo?bar=1 HTTP/1.1\r\nHost: 10.244.1.5\r\nUser-Agent: curl/8.11.1\r\nAccept: */*\r\n\r\n',
    ],
    [
      'nginxdemos/hello:plain-text', {}, '/some/uri?q=1',
      'Server address: 10.244.1.5:80\nServer name: web-1\nDate: 07/Feb/2018:16:05:05 +0000\nURI: /some/uri?q=1\nRequest ID: 48ba0db334a6ed165e783469c2af868f\n',
    ],
  ])('%s %j answers %s', (ref, spec, target, expected) => {
    expect(answer(ref, spec, target)).toBe(expected);
  });

  it("serves nginxdemos/hello's page, which shows the server's address and name, the date, the URI and a request ID", () => {
    const page = answer('nginxdemos/hello', {}, '/abc');
    expect(image('nginxdemos/hello').behaviour.http['*'].contentType).toBe('text/html');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World<\/title>\n/);
    expect(page).toContain('<p><span>Server&nbsp;address:</span> <span>10.244.1.5:80</span></p>\n<p><span>Server&nbsp;name:</span> <span>web-1</span></p>\n');
    expect(page).toContain('<p class="smaller"><span>Date:</span> <span>07/Feb/2018:16:05:05 +0000</span></p>\n<p class="smaller"><span>URI:</span> <span>/abc</span></p>\n');
    expect(page).toContain('Request ID: 48ba0db334a6ed165e783469c2af868f<br/>');
    expect(page).toMatch(/<\/html>\n\n$/);
  });

  it.each<[string, { command?: string[]; args?: string[]; env?: Record<string, string> }, number[], string[]]>([
    ['hashicorp/http-echo:1.0', { args: ['-text=apple'] }, [5678], ['2025/01/01 00:00:00 [INFO] server is listening on :5678']],
    ['hashicorp/http-echo:1.0', { args: ['-listen', ':8080', '-text=apple'] }, [8080], ['2025/01/01 00:00:00 [INFO] server is listening on :8080']],
    ['hashicorp/http-echo:0.2.3', { args: ['-listen=0.0.0.0:9000', '-text=apple'] }, [9000], ['2025/01/01 00:00:00 Server is listening on 0.0.0.0:9000']],
    ['traefik/whoami', {}, [80], ['2025/01/01 00:00:00 Starting up on port 80']],
    ['traefik/whoami', { args: ['--port', '8080'] }, [8080], ['2025/01/01 00:00:00 Starting up on port 8080']],
    ['traefik/whoami:v1.10', { args: ['-port=8081'] }, [8081], ['2025/01/01 00:00:00 Starting up on port 8081']],
    ['traefik/whoami', { env: { WHOAMI_PORT_NUMBER: '9090' } }, [9090], ['2025/01/01 00:00:00 Starting up on port 9090']],
    ['traefik/whoami:v1.10.0', {}, [8080], ['2025/01/01 00:00:00 Starting up on port 8080']],
    ['gcr.io/google-samples/hello-app:1.0', { env: { PORT: '9000' } }, [9000], ['2024/01/01 00:00:00 Server listening on port 9000']],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec', '--http-port=8081', '--udp-port=8082'] }, [8081], ['Started HTTP server on port 8081', 'Started UDP server on port 8082']],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', { args: ['netexec'] }, [8080], ['Started HTTP server on port 8080', 'Started UDP server on port 8081']],
    ['nginxdemos/hello', {}, [80], []],
  ])('%s %j listens on %j and says so', (ref, spec, listens, logs) => {
    expect(server(ref, spec).behaviour.listens).toEqual(listens);
    expect(startLogs(ref, spec)).toEqual(logs);
  });

  it('refuses to start http-echo without its text, in its words (1.0: unless ECHO_TEXT says it), with exit code 127', () => {
    const old = server('hashicorp/http-echo:0.2.3', {});
    expect(missingRequiredEnv(old.behaviour, {}, old.argv)).toMatchObject({ exitCode: 127, logs: ['Missing -text option!'] });
    const told = server('hashicorp/http-echo:0.2.3', { args: ['-text', 'apple'] });
    expect(missingRequiredEnv(told.behaviour, {}, told.argv)).toBeUndefined();
    const latest = server('hashicorp/http-echo', {});
    expect(missingRequiredEnv(latest.behaviour, { ECHO_TEXT: 'hello-world' }, latest.argv)).toBeUndefined();
    expect(missingRequiredEnv(latest.behaviour, { ECHO_TEXT: '' }, latest.argv)).toMatchObject({ exitCode: 127, logs: ['Missing -text option or ECHO_TEXT env var!'] });
    expect(image('hashicorp/http-echo:1.0').behaviour.env.ECHO_TEXT).toBe('hello-world');
  });

  it.each(['traefik/whoami:v1.10', 'traefik/whoami:v1.10.1', 'traefik/whoami:v1.10.2', 'traefik/whoami:v1.10.3', 'traefik/whoami:latest', 'hashicorp/http-echo:0.2.3', 'hashicorp/http-echo:1.0.0', 'nginxdemos/hello:plain-text'])('offers %s', (ref) => {
    expect(image(ref).digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });
});
