/**
 * `kubelab status --slo` on a running lab (the shared one): a few pods made and Running are in its PodStartupLatency (the
 * image pull of one that pulls left out of the SLO's figure), their
 * creates in its APIResponsiveness (POST pods, judged against 1 s), each SLO with a verdict, said to be the lab's own
 * figures since its api-server started; and `kubectl get --raw /metrics` serves kube-apiserver's
 * apiserver_request_duration_seconds histogram those rows are read from.
 */
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pods = ['slo-1', 'slo-2', 'slo-3'];
/** Pulls its image whatever the node holds, so its kubelet says how long that took. */
const pulling = 'slo-1';

describe('kubelab status --slo (shared lab)', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('slo');
  });
  afterAll(() => lab?.stop());

  it('shows PodStartupLatency with the pods made, APIResponsiveness with their POSTs, and a verdict for each SLO', async () => {
    for (const name of pods) {
      // A new namespace admits pods once its default ServiceAccount is there.
      await waitFor(async () => {
        const run = await lab.kubectl(['run', name, '--image=registry.k8s.io/pause:3.10', ...(name === pulling ? ['--image-pull-policy=Always'] : [])]);
        return run.code === 0 || run.stderr.includes('AlreadyExists');
      }, `pod ${name} created`, 30_000, 250);
    }
    await waitFor(async () => {
      const phases = (await lab.kubectl(['get', 'pods', ...pods, '-o', 'jsonpath={.items[*].status.phase}'])).stdout.split(' ');
      return phases.length === pods.length && phases.every((p) => p === 'Running');
    }, 'the pods Running', 60_000, 250);

    const status = lab.kubelab(['status', '--slo']);
    expect(status.stderr).toBe('');
    expect(status.status).toBe(0);
    const out = status.stdout;
    expect(out).toMatch(/^SLOs of this lab: lab-time figures, what the lab measured of itself as it ran since its api-server started \(api-server at \d{4}-\d\d-\d\dT[\d:]+Z, \S+ ago\)$/m);

    const startup = /^ {2}pod_startup +(\d+) +\S+ \S+ +\S+ \S+ +(\S+ \S+) *$/m.exec(out);
    const sli = /^ {2}pod_startup_excluding_pull +(\d+) +\S+ \S+ +\S+ \S+ +(\S+ \S+) +p99 ≤ 5 s +(PASS|FAIL)$/m.exec(out);
    expect(startup, out).not.toBeNull();
    expect(sli, out).not.toBeNull();
    expect(Number(startup![1])).toBeGreaterThanOrEqual(pods.length);
    expect(sli![1]).toBe(startup![1]);
    const ms = (text: string) => parseFloat(text) * (text.endsWith(' s') ? 1000 : 1);
    expect(ms(sli![2])).toBeLessThanOrEqual(ms(startup![2]));
    const pulled = await lab.kubectl(['get', 'events', '--field-selector', `reason=Pulled,involvedObject.name=${pulling}`, '-o', 'jsonpath={.items[*].message}']);
    expect(pulled.stdout).toMatch(/^Successfully pulled image "registry\.k8s\.io\/pause:3\.10" in \S+ \(\S+ including waiting\)/);
    expect(out).toMatch(/^ {2}\d+ of \d+ pods finished/m);

    const creates = /^ {2}POST +pods +resource +mutating +(\d+) +.* +p99 ≤ 1 s +(PASS|FAIL)$/m.exec(out);
    expect(creates, out).not.toBeNull();
    expect(Number(creates![1])).toBeGreaterThanOrEqual(pods.length);
    expect(out).not.toMatch(/^ {2}WATCH /m);

    for (const slo of ['PodStartupLatency', 'APIResponsiveness', 'SchedulingThroughput']) expect(out).toMatch(new RegExp(`^ {2}${slo} +(PASS|FAIL|NO DATA) `, 'm'));
    expect(out).toMatch(/^ {2}SchedulingThroughput +PASS +max \d+\.\d pods\/s/m);
    expect(out).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('kubectl get --raw /metrics serves apiserver_request_duration_seconds: cumulative buckets in kube-apiserver\'s bounds, sum and count; a WATCH once it ends', async () => {
    // A watch of the suite's namespace that the server ends after a second: timed then, as kube-apiserver times one.
    const watch = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${lab.namespace}/pods?watch=true&timeoutSeconds=1`);
    expect(watch.status).toBe(200);
    await watch.text();
    const metrics = await lab.kubectl(['get', '--raw', '/metrics']);
    expect(metrics.code).toBe(0);
    const series = '{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1"';
    const bucket = (le: string) => Number(new RegExp(`^apiserver_request_duration_seconds_bucket${series.replace(/[{}]/g, '\\$&')},le="${le.replace('+', '\\+')}"\\} (\\d+)$`, 'm').exec(metrics.stdout)?.[1]);
    expect(metrics.stdout).toMatch(/^# TYPE apiserver_request_duration_seconds histogram$/m);
    const counts = ['0.005', '0.025', '0.05', '0.1', '0.2', '0.4', '0.6', '0.8', '1', '1.25', '1.5', '2', '3', '4', '5', '6', '8', '10', '15', '20', '30', '45', '60', '+Inf'].map(bucket);
    expect(counts.every((n) => Number.isInteger(n))).toBe(true);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
    expect(counts.at(-1)).toBeGreaterThanOrEqual(pods.length);
    expect(metrics.stdout).toContain(`apiserver_request_duration_seconds_count${series}} ${counts.at(-1)}`);
    const watches = /^apiserver_request_duration_seconds_sum\{component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="WATCH",version="v1"\} (\S+)$/m.exec(metrics.stdout);
    expect(watches, metrics.stdout).not.toBeNull();
    expect(Number(watches![1])).toBeGreaterThanOrEqual(1);
    expect(metrics.stdout).toMatch(/^process_start_time_seconds \d+(\.\d+)?$/m);
  });
});
