/**
 * Field selectors of the kinds with their own conversion functions, through the real
 * kubectl and raw HTTP: Secret `type`, Service `spec.type` and `spec.clusterIP`,
 * ReplicationController `status.replicas`,
 * CertificateSigningRequest `spec.signerName`, and events.k8s.io/v1 Events selected by
 * `regarding.*` over the stored core Events; each refusal in the kind's own words.
 */
import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

/** A base64 PEM certificate request (the fixture of kinds/apis.yaml), as kube-apiserver checks it. */
const CSR_PEM =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0diWGwxYzJWeU1JSUJJakFOQmdrcWhraUc5dzBCQVFFRgpBQU9DQVE4QU1JSUJDZ0tDQVFFQWxSVzlaZTJHd0kwSEJpS3RLWXFFZVVaSU9pQngwMVpSdUpkclJ3bVdoNFpXCkVrZTNkMWpCeU9wb0lHZGk0N212akNGZnJld0xiZXN5QWZPNDF1QWVoV1lSVWVsVHdhVFdwMUZtNHZWSWowNkQKZjlsLzc5M2ozckRxMzBqRklQZE5WUGh4b09EOWI0aXBQTW9DdUNDWDE4ZjJNTUMwRjFxdXFRK2VRa2M3ZThQMwpYTS9IS1J2dUV5akdqME5mZ2dCUUhSZVo4S05IaE5hUm52U2ZjcU9GK2VwN3hIcmVRbDNxSE1XZmRmYlNvWDN2CkxWVVlBWWhsNTRmbm91MUFBSTdOY1gzQWFwYzJjOW1BYXFYeVFjcmRNTEtITE5nQ3UxWW5nOEpZaStrbDR0MTkKYkJYVWtIQlBsMTUrL21ZaEtiOXJTQ0FzTktPN1lwUjR1VzZ6aVFHL0R3SURBUUFCb0FBd0RRWUpLb1pJaHZjTgpBUUVMQlFBRGdnRUJBQUhDbWcveHBRbmZWUzVScFNBeDBjSEUwTkhWK2FwNHBteDVOR3Y3S1hFeDI2Qm50T2NXCmFQaUJIYUhWV3BxL0U3cjRaVmRETk9rZzRra2YxWVFnUkNvS3dPYTdWZHYxcmFOK1dJNVZjUFlJaG0zc3lFNXgKN2xtaDd3WXVFVmE3MDd4RDRld0F2SjVxUTZzd29BUitCS2NKcldwdHJiOW9rWEtWMDQ3bEsrMkFKUnUyNzRwdwpJTExsV0ExYWV6WnBiQ3BkZjZyR0ZVMG1BeUdhdTdOMm9NZGtnM0FMMlBwWlFkU2gvQXpKbVN1RkxvSVdmYVVBCk0yR2RGS0o2OGRBQUpLcndsMlZDVnIvTFE1K0p1VTR2MXZYWkQxdDVHc0VmMkJ1Q0J5bTF6cUJSL01SQ1lKdjQKOVl3QytEQ1ByY2QzUVFMZzltTis5UHU1TVlXQU5aSlJ3UWM9Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';

const coreEvent = (name: string, regarding: string, reason: string) => JSON.stringify({
  apiVersion: 'v1', kind: 'Event', metadata: { name },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: regarding, namespace: 'default' }, reason, message: `about ${regarding}`, type: 'Normal', reportingComponent: 'kubelet',
});

describe('field selectors of secrets, replication controllers, CSRs and events.k8s.io events', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  const get = (path: string) => fetch(`${server.url}${path}`).then(async (r) => ({ code: r.status, body: await r.json() }));

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('selects secrets by type and refuses another field as kube-apiserver does', async () => {
    await kubectl.stdout(['create', 'secret', 'generic', 'plain', '--from-literal=a=b']);
    await kubectl.stdout(['create', 'secret', 'docker-registry', 'registry', '--docker-server=r.example.com', '--docker-username=u', '--docker-password=p']);
    expect(await kubectl.stdout(['get', 'secrets', '--field-selector', 'type=Opaque', '-o', 'name'])).toBe('secret/plain\n');
    expect(await kubectl.stdout(['get', 'secrets', '--field-selector', 'type!=Opaque', '-o', 'name'])).toBe('secret/registry\n');
    const refused = await kubectl(['get', 'secrets', '--field-selector', 'data.a=b']);
    expect(refused.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=secrets" that match label selector "", field selector "data.a=b": field label not supported: data.a\n');
  });

  it('selects services by spec.type and spec.clusterIP', async () => {
    await kubectl.stdout(['create', 'service', 'nodeport', 'np', '--tcp=80:80']);
    await kubectl.stdout(['create', 'service', 'clusterip', 'headless', '--clusterip=None']);
    expect(await kubectl.stdout(['get', 'svc', '--field-selector', 'spec.type=NodePort', '-o', 'name'])).toBe('service/np\n');
    expect(await kubectl.stdout(['get', 'svc', '--field-selector', 'spec.clusterIP=None', '-o', 'name'])).toBe('service/headless\n');
  });

  it('selects ReplicationControllers by status.replicas and has only metadata fields for ServiceAccounts and PersistentVolumeClaims', async () => {
    const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 0, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    expect((await kubectl(['create', '-f', '-'], { stdin: JSON.stringify(rc) })).stdout).toBe('replicationcontroller/rc created\n');
    expect(await kubectl.stdout(['get', 'rc', '--field-selector', 'status.replicas=0', '-o', 'name'])).toBe('replicationcontroller/rc\n');
    expect(await kubectl.stdout(['get', 'rc', '--field-selector', 'status.replicas!=0', '-o', 'name'])).toBe('');
    expect((await get('/api/v1/namespaces/default/replicationcontrollers?fieldSelector=spec.replicas%3D0')).body).toMatchObject({ code: 400, reason: 'BadRequest', message: 'field label not supported: spec.replicas' });
    expect((await get('/api/v1/serviceaccounts?fieldSelector=metadata.name%3Ddefault')).code).toBe(200);
    expect((await get('/api/v1/namespaces/default/serviceaccounts?fieldSelector=secrets%3Dx')).body).toMatchObject({
      code: 400, reason: 'BadRequest', message: '"secrets" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
    expect((await get('/api/v1/persistentvolumeclaims?fieldSelector=spec.volumeName%3Dpv')).body).toMatchObject({
      code: 400, message: '"spec.volumeName" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
  });

  it('selects CertificateSigningRequests by spec.signerName; metadata.namespace is refused for them', async () => {
    const csr = (name: string, signerName: string) => JSON.stringify({
      apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name },
      spec: { request: CSR_PEM, signerName, usages: ['client auth'] },
    });
    expect((await kubectl(['create', '-f', '-'], { stdin: csr('client', 'kubernetes.io/kube-apiserver-client') })).stderr).toBe('');
    expect((await kubectl(['create', '-f', '-'], { stdin: csr('custom', 'example.com/signer') })).stderr).toBe('');
    expect(await kubectl.stdout(['get', 'csr', '--field-selector', 'spec.signerName=example.com/signer', '-o', 'name'])).toBe('certificatesigningrequest.certificates.k8s.io/custom\n');
    expect((await get('/apis/certificates.k8s.io/v1/certificatesigningrequests?fieldSelector=metadata.namespace%3Dx')).body).toMatchObject({ code: 400, message: 'field label not supported: metadata.namespace' });
  });

  it('selects events.k8s.io events by regarding.name over the stored core Events, in list and watch, and refuses the core spellings there', async () => {
    for (const [name, regarding, reason] of [['web-1', 'web', 'Pulled'], ['db-1', 'db', 'Started']]) {
      expect((await kubectl(['create', '-f', '-'], { stdin: coreEvent(name, regarding, reason) })).stdout).toBe(`event/${name} created\n`);
    }
    expect(await kubectl.stdout(['get', 'events.events.k8s.io', '--field-selector', 'regarding.name=web', '-o', 'name'])).toBe('event.events.k8s.io/web-1\n');
    expect(await kubectl.stdout(['get', 'events.events.k8s.io', '--field-selector', 'reportingController=kubelet,reason=Started', '-o', 'name'])).toBe('event.events.k8s.io/db-1\n');
    expect(await kubectl.stdout(['get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'name'])).toBe('event/web-1\n');

    const refused = await kubectl(['get', 'events.events.k8s.io', '--field-selector', 'involvedObject.name=web']);
    expect(refused.stderr).toBe('Error from server (BadRequest): Unable to find "events.k8s.io/v1, Resource=events" that match label selector "", field selector "involvedObject.name=web": field label not supported: involvedObject.name\n');
    expect((await get('/api/v1/namespaces/default/events?fieldSelector=regarding.name%3Dweb')).body).toMatchObject({ code: 400, message: 'field label not supported: regarding.name' });

    const watched = await fetch(`${server.url}/apis/events.k8s.io/v1/namespaces/default/events?watch=true&fieldSelector=regarding.name%3Ddb&timeoutSeconds=1`).then((r) => r.text());
    const events = watched.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => [e.type, e.object.apiVersion, e.object.metadata.name])).toEqual([['ADDED', 'events.k8s.io/v1', 'db-1']]);
    const refusedWatch = await get('/apis/events.k8s.io/v1/namespaces/default/events?watch=true&fieldSelector=involvedObject.name%3Ddb');
    expect(refusedWatch.body).toMatchObject({ code: 400, reason: 'BadRequest', message: 'field label not supported: involvedObject.name' });
  });
});
