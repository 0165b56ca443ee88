import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

const ca = '-----BEGIN CERTIFICATE-----\nMIIlabCA\n-----END CERTIFICATE-----\n';
const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
const forbidden = '{\n  "kind": "Status",\n  "code": 403\n}\n';
const untrusted = `curl: (60) SSL certificate problem: unable to get local issuer certificate
More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.
`;

/** A pod with its ServiceAccount files, and the api-server behind https://kubernetes.default.svc (a private CA, HTTP/2). */
function pod() {
  const host = virtualHost({ fs: new MemoryFs({ files: { [`${sa}/token`]: 'eyJ.token.sig', [`${sa}/ca.crt`]: ca, '/tmp/other.crt': 'another CA' } }) });
  host.dns.set('kubernetes.default.svc', '10.96.0.1');
  host.tlsIssuers.set('https://kubernetes.default.svc', ca);
  const headers = [['audit-id', 'a-1'], ['content-type', 'application/json']] as const;
  host.web.set('https://kubernetes.default.svc/api/v1/namespaces/default/pods', { status: 403, body: forbidden, headers, http2: true });
  host.web.set('https://kubernetes.default.svc/api', { status: 200, body: '{"kind":"APIVersions"}\n', headers, http2: true });
  return host;
}

async function run(script: string) {
  const host = pod();
  const status = await runProcess(['sh', '-c', script], host.host);
  return { status, stdout: host.stdout(), stderr: host.stderr(), sent: host.requests };
}

describe('curl and wget calling the API from a pod', () => {
  it('curl refuses the lab CA it was not given (exit 60), sending nothing', async () => {
    expect(await run('curl https://kubernetes.default.svc/api')).toEqual({ status: 60, stdout: '', stderr: untrusted, sent: [] });
    expect(await run('curl -s https://kubernetes.default.svc/api')).toMatchObject({ status: 60, stderr: '' });
    expect(await run('curl --cacert /tmp/other.crt https://kubernetes.default.svc/api')).toMatchObject({ status: 60, stderr: untrusted });
    expect(await run('curl --cacert /nope.crt https://kubernetes.default.svc/api')).toMatchObject({ status: 77, stderr: 'curl: (77) error setting certificate file: /nope.crt\n' });
  });

  it('curl with --cacert the mounted ca.crt (or -k) sends the bearer token and its own headers, and prints the answer', async () => {
    const script = `TOKEN=$(cat ${sa}/token); curl --cacert ${sa}/ca.crt --header "Authorization: Bearer \${TOKEN}" -X GET https://kubernetes.default.svc/api`;
    const result = await run(script);
    expect(result).toMatchObject({ status: 0, stdout: '{"kind":"APIVersions"}\n', stderr: '' });
    expect(result.sent).toEqual([{
      url: 'https://kubernetes.default.svc/api',
      request: { method: 'GET', headers: [['Host', 'kubernetes.default.svc'], ['User-Agent', 'curl/8.11.1'], ['Accept', '*/*'], ['Authorization', 'Bearer eyJ.token.sig']] },
    }]);
    expect(await run('curl -sk https://kubernetes.default.svc/api')).toMatchObject({ status: 0, stdout: '{"kind":"APIVersions"}\n' });
  });

  it('curl -i shows the HTTP/2 status line and headers before the body; -f fails on the 403', async () => {
    expect(await run('curl -sik https://kubernetes.default.svc/api/v1/namespaces/default/pods')).toMatchObject({
      status: 0, stdout: `HTTP/2 403 \r\naudit-id: a-1\r\ncontent-type: application/json\r\n\r\n${forbidden}`,
    });
    expect(await run('curl -sSfk https://kubernetes.default.svc/api/v1/namespaces/default/pods')).toMatchObject({ status: 22, stderr: 'curl: (22) The requested URL returned error: 403\n' });
  });

  it('busybox wget goes on over TLS it does not verify, sends --header, and fails on a 403 with its own words', async () => {
    const result = await run(`wget -qO- --header "Authorization: Bearer $(cat ${sa}/token)" https://kubernetes.default.svc/api/v1/namespaces/default/pods`);
    expect(result).toMatchObject({
      status: 1, stdout: '',
      stderr: 'wget: note: TLS certificate validation not implemented\nwget: server returned error: HTTP/1.1 403 Forbidden\n',
    });
    expect(result.sent[0].request?.headers).toEqual([['Host', 'kubernetes.default.svc'], ['User-Agent', 'Wget'], ['Authorization', 'Bearer eyJ.token.sig']]);
    expect(await run('wget -q --no-check-certificate -O - https://kubernetes.default.svc/api')).toMatchObject({ status: 0, stdout: '{"kind":"APIVersions"}\n', stderr: '' });
  });
});
