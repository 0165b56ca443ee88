import { requestDurationBuckets, type CoreEvent, type HistogramSeries, type Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { labSloReport, type ApiServerScrape } from './lab-slo.js';

const now = Date.UTC(2025, 0, 1, 12, 10, 0);
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString().replace('.000Z', 'Z');

function pod(name: string, created: number, scheduled: number, running: number): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: at(created) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(scheduled) }],
      containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: at(running) } } }],
    },
  } as Pod;
}

/** The kubelet's Pulled Event about pod `name`. */
const pulled = (name: string, message: string) => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.1`, namespace: 'default' }, reason: 'Pulled', message,
  involvedObject: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}`, fieldPath: 'spec.containers{c}' },
}) as CoreEvent;

/** `n` requests of these labels, all at most 5 ms. */
function fast(labels: Record<string, string>, n: number): HistogramSeries {
  return {
    labels: { component: 'apiserver', dry_run: '', group: '', version: 'v1', subresource: '', ...labels },
    buckets: [...requestDurationBuckets, Infinity].map((le) => ({ le, count: n })), sum: n * 0.001, count: n,
  };
}

const apiServer: ApiServerScrape = {
  name: 'api-server', url: 'https://127.0.0.1:6443', startedAt: Date.UTC(2025, 0, 1, 12, 0, 0) / 1000,
  series: [fast({ verb: 'POST', resource: 'pods', scope: 'resource' }, 3), fast({ verb: 'WATCH', resource: 'pods', scope: 'cluster' }, 2)],
};

describe('labSloReport', () => {
  it('says these are the lab\'s own figures since its api-server started, then the bench\'s tables and a verdict per SLO', () => {
    const pulls = [
      pulled('b', 'Container image "nginx" already present on machine'),
      // 40 s of the lab's at time scale 20: 2 s of the host's, from c's 3 s.
      pulled('c', 'Successfully pulled image "nginx" in 20s (40s including waiting). Image size: 72000000 bytes.'),
    ];
    const text = labSloReport({ pods: [pod('a', 0, 1, 2), pod('b', 0, 1, 3), pod('c', 1, 2, 4)], pulls, apiServers: [apiServer], timeScale: 20, now });
    expect(text).toContain('SLOs of this lab: lab-time figures, what the lab measured of itself as it ran since its api-server started (api-server at 2025-01-01T12:00:00Z, 10m ago)');
    expect(text).toContain('durations in the host\'s seconds, the lab\'s own timers running 20× as fast (time scale 20)');
    expect(text).toMatch(/^ {2}pod_startup +3 +3\.00 s +3\.00 s +3\.00 s *$/m);
    expect(text).toMatch(/^ {2}pod_startup_excluding_pull +3 +2\.00 s +3\.00 s +3\.00 s +p99 ≤ 5 s +PASS$/m);
    expect(text).toContain('  3 of 3 pods finished');
    expect(text).toMatch(/^ {2}POST +pods +resource +mutating +3 +3 ms +5 ms +5 ms +p99 ≤ 1 s +PASS$/m);
    expect(text).not.toMatch(/^ {2}WATCH/m);
    expect(text).toMatch(/^ {2}PodStartupLatency +PASS/m);
    expect(text).toMatch(/^ {2}APIResponsiveness +PASS +0 of 1 kinds of call over their threshold/m);
    expect(text).toMatch(/^ {2}SchedulingThroughput +PASS +max 0\.6 pods\/s, average 0\.6 pods\/s over 1 window of 5 s/m);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('has NO DATA of an empty lab, and names an api-server that gave no metrics', () => {
    const down: ApiServerScrape = { name: 'api-server-2', url: 'https://127.0.0.1:6444', series: [], failed: 'HTTP 503' };
    const text = labSloReport({ pods: [], pulls: [], apiServers: [{ ...apiServer, series: [] }, down], timeScale: 1, now });
    expect(text).toContain('  api-server-2 (https://127.0.0.1:6444) gave no /metrics: HTTP 503; its requests are not counted');
    expect(text).toContain('durations in the host\'s seconds\n');
    expect(text).toContain('  no request served yet');
    expect(text).toMatch(/PodStartupLatency +NO DATA/);
    expect(text).toMatch(/APIResponsiveness +NO DATA/);
    expect(text).toMatch(/SchedulingThroughput +NO DATA/);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });
});
