/**
 * `kubelab status --slo`: sig-scalability's SLOs of a running lab, as the density bench prints them of its own run, but read
 * from the lab itself as clusterloader2 reads a cluster: PodStartupLatency from the pods' own timestamps (less the image
 * pulls their kubelets' Pulled Events tell), APIResponsiveness
 * from each api-server's apiserver_request_duration_seconds (scraped at /metrics as the admin, the api-servers' series
 * added up), SchedulingThroughput from the pods' PodScheduled times; each with its verdict. The histogram counts from
 * its api-server's start (process_start_time_seconds), which the report says.
 */
import {
  apiResponsivenessFromHistogram, apiTable, humanDuration, imagePullTimes, parseHistogram, parseScalar, podStartupLatency, podStartupTable, podTimelines, podTimelinesLine,
  requestDurationMetric, schedulingThroughput, throughputTable, verdictLines, type CoreEvent, type HistogramSeries, type Pod,
} from '@kubelab/api';

/** One api-server's scrape: its name and when it started, or why it gave none. */
export interface ApiServerScrape {
  name: string;
  url: string;
  startedAt?: number;
  series: HistogramSeries[];
  /** Why /metrics gave nothing to read (an HTTP status, a connection error). */
  failed?: string;
}

export interface LabSloInput {
  pods: Pod[];
  /** The kubelets' Pulled Events, for the time each pod spent pulling its images. */
  pulls: CoreEvent[];
  apiServers: ApiServerScrape[];
  timeScale: number;
  now: number;
}

const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');
const since = (startedAt: number, now: number) => `${new Date(Math.floor(startedAt) * 1000).toISOString().replace('.000Z', 'Z')}, ${humanDuration(now - startedAt * 1000)} ago`;

/** The report, tables as the density bench prints them. */
export function labSloReport(o: LabSloInput): string {
  const answered = o.apiServers.filter((a) => !a.failed);
  const starts = answered.map((a) => (a.startedAt === undefined ? `${a.name} at a time it does not say` : `${a.name} at ${since(a.startedAt, o.now)}`));
  const pods = podTimelines(o.pods, imagePullTimes(o.pulls, o.timeScale));
  const startup = podStartupLatency(pods.timelines);
  const calls = apiResponsivenessFromHistogram(answered.flatMap((a) => a.series));
  const throughput = schedulingThroughput(pods.timelines.flatMap((p) => (p.scheduled === undefined ? [] : [p.scheduled])));
  const scale = o.timeScale === 1 ? '' : `, the lab's own timers running ${o.timeScale}× as fast (time scale ${o.timeScale})`;
  const lines = [
    '',
    `SLOs of this lab: lab-time figures, what the lab measured of itself as it ran since its api-server started (${starts.join('; ') || 'no api-server answered'})`,
    `  not a benchmark's run: the pods the lab holds now, by their own timestamps (whole seconds), and every request the api-server served;`,
    `  durations in the host's seconds${scale}`,
    ...o.apiServers.filter((a) => a.failed).map((a) => `  ${a.name} (${a.url}) gave no /metrics: ${a.failed}; its requests are not counted`),
    '',
    'PodStartupLatency (created: metadata.creationTimestamp; scheduled: PodScheduled\'s lastTransitionTime; Running: the last container\'s startedAt;',
    '  image pulls: as the kubelets\' Pulled Events say, their waits included)',
    indent(podStartupTable(startup)),
    indent(podTimelinesLine(pods)),
    '',
    `APIResponsiveness (${requestDurationMetric} since the api-server started, p50/p90/p99 as histogram_quantile estimates them; WATCH and CONNECT left out, as clusterloader2 does)`,
    indent(calls.length ? apiTable(calls) : 'no request served yet'),
    '',
    'SchedulingThroughput (pods by their PodScheduled time, per 5 s window from the first; no threshold)',
    indent(throughputTable(throughput)),
    '',
    'SLOs',
    indent(verdictLines(startup, calls, throughput)),
  ];
  return `${lines.join('\n')}\n`;
}

/** Every object of a kind in every namespace, 500 a page, as the admin (the CLI's fetches trust the lab CA and present the admin's certificate). */
async function listAll<T>(apiUrl: string, what: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const res = await fetch(`${apiUrl}${path}${path.includes('?') ? '&' : '?'}limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`).catch((e: unknown) => {
      throw new Error(`the api-server at ${apiUrl} does not answer (${failure(e)}): kubelab status says whether it runs`);
    });
    if (!res.ok) throw new Error(`listing the lab's ${what}: HTTP ${res.status} ${(await res.text()).trim()}`);
    const page = (await res.json()) as { items: T[]; metadata: { continue?: string } };
    items.push(...page.items);
    next = page.metadata.continue || undefined;
  } while (next);
  return items;
}

/** One api-server's /metrics, read. */
async function scrape(name: string, url: string): Promise<ApiServerScrape> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    if (!res.ok) return { name, url, series: [], failed: `HTTP ${res.status}` };
    return { name, url, startedAt: parseScalar(text, 'process_start_time_seconds'), series: parseHistogram(text, requestDurationMetric) };
  } catch (e) {
    return { name, url, series: [], failed: failure(e) };
  }
}

/** Why a fetch failed, in the words of its cause (fetch's own message is only "fetch failed"). */
function failure(e: unknown): string {
  return e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
}

/** The SLO report of the lab whose api-servers answer at `apiUrls` (the first one lists the pods). */
export async function labSlo(apiUrls: string[], timeScale: number): Promise<string> {
  const names = apiUrls.map((_, i) => (i === 0 ? 'api-server' : `api-server-${i + 1}`));
  const [apiServers, pods, pulls] = await Promise.all([
    Promise.all(apiUrls.map((url, i) => scrape(names[i], url))), listAll<Pod>(apiUrls[0], 'pods', '/api/v1/pods'),
    listAll<CoreEvent>(apiUrls[0], 'Pulled Events', '/api/v1/events?fieldSelector=reason%3DPulled'),
  ]);
  return labSloReport({ pods, pulls, apiServers, timeScale, now: Date.now() });
}
