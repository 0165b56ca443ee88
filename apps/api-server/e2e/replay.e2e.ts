import { migrateToLatest, openEventLog, readEvents, readObjects, replay } from '@kubelab/event-store';
import { eventLogKinds, kubectlFor, newEventLogDatabase } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const pod = (name: string, image = 'nginx:1.14.2') => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'mix' } }, spec: { containers: [{ name: 'c', image }] } });

describe.each(eventLogKinds)('replaying the log on %s', (kind) => {
  it('rebuilds byte-identical objects and resourceVersions after a mixed workload', async () => {
    const server = await startTestApiServer([], await newEventLogDatabase(kind));
    const kubectl = kubectlFor(server.url);
    const post = (path: string, body: string, type = 'application/json', method = 'POST') =>
      fetch(`${server.url}${path}`, { method, headers: { 'content-type': type }, body });
    for (let i = 0; i < 20; i++) expect((await post('/api/v1/namespaces/default/pods', pod(`p${i}`))).status).toBe(201);
    await post('/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }));
    await post('/api/v1/namespaces/team-a/services', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'mix' }, ports: [{ port: 80 }] } }));
    await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api, image: "nginx:1.14.2"}]}\n' });
    expect((await kubectl(['scale', 'deployment', 'api', '--replicas=5'])).code).toBe(0);
    expect((await kubectl(['label', 'pod', 'p3', 'tier=web'])).code).toBe(0);
    expect((await kubectl(['set', 'image', 'pod/p4', 'c=nginx:1.25'])).code).toBe(0);
    expect((await post('/api/v1/namespaces/default/pods/p5/binding', JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p5' }, target: { kind: 'Node', name: 'node-1' } }))).status).toBe(201);
    expect((await post('/api/v1/namespaces/default/pods/p5/status', JSON.stringify({ status: { phase: 'Running', podIP: '10.244.0.5' } }), 'application/merge-patch+json', 'PATCH')).status).toBe(200);
    expect((await kubectl(['delete', 'pod', 'p6', 'p7'])).code).toBe(0);
    // Refused writes are audit entries: in the log between the others, never in the projection or its replay.
    expect((await post('/api/v1/namespaces/default/pods', pod('Bad_Name'))).status).toBe(422);
    expect((await post('/api/v1/namespaces/default/pods/p3', JSON.stringify({ spec: { containers: [{ name: 'c', image: '' }] } }), 'application/merge-patch+json', 'PATCH')).status).toBe(422);
    // A bare api-server has no namespace controller: the namespace stays Terminating.
    expect((await kubectl(['delete', 'namespace', 'team-a', '--wait=false'])).code).toBe(0);
    const live = (await fetch(`${server.url}/api/v1/pods`).then((r) => r.json())) as { items: { metadata: { name: string; resourceVersion: string } }[] };
    await server.close();

    const source = openEventLog(server.database).db;
    const events = await readEvents(source);
    const stored = await readObjects(source);
    await source.destroy();
    const target = openEventLog(await newEventLogDatabase(kind)).db;
    await migrateToLatest(target);
    // Only the events go into the empty database; the projection comes from replay alone.
    await target.insertInto('events').values(events).execute();
    const { projection } = await replay(target);
    await target.destroy();

    expect(events.filter((e) => e.type === 'Refused').map((e) => [e.kind, e.name])).toEqual([['Pod', 'Bad_Name'], ['Pod', 'p3']]);
    const rebuilt = new Map([...projection.values()].map((o) => [`${o.kind}/${o.namespace}/${o.name}`, [o.resourceVersion, o.data]]));
    const original = new Map(stored.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, [o.resource_version, o.data]]));
    expect(rebuilt).toEqual(original);
    expect(original.size).toBeGreaterThan(20);
    for (const p of live.items) {
      expect(rebuilt.get(`Pod/default/${p.metadata.name}`)?.[0]).toBe(Number(p.metadata.resourceVersion));
    }
  });
});
