/**
 * What `kubelab chaos random` adds to the drills with --workload and --check: a
 * workload kept busy by a writer (every acknowledged write noted), the invariant
 * checks run again and again over the log as it grows, and at the end, once the
 * workload has settled, the whole report and the soak's figures. The safety
 * invariants are reported the moment they break; whether each Deployment reached
 * its replicas is judged at the end only, since a window still open may yet reach
 * them.
 */
import { checkLab, formatReport, replayEqualsLive, watchOrder, type CheckReport } from '../check.js';
import { InvariantChecker, type AcknowledgedWrite } from '../invariants/invariant-checker.js';
import { SoakWriter, unsettled } from './soak-workload.js';

export interface SoakOptions {
  workload: boolean;
  check: boolean;
}

interface Lab {
  apiUrl: string;
  timeScale: number;
}

/** Lab-seconds between the writer's counter updates, and between its scalings of web. */
const tickEvery = 5;
const scaleEvery = 400;
/** Lab-seconds the workload gets to settle once every drill is healed. */
const settleFor = 900;
/** Real milliseconds between two checks of the growing log. */
const checkEveryMs = 3000;

/** The watches the soak holds open while it runs. */
const watchedPaths = ['/api/v1/pods', '/apis/apps/v1/deployments', '/api/v1/namespaces/soak/configmaps'];

const provisional = new Set(['deployments-converge']);

export class Soak {
  private readonly checker: InvariantChecker;
  private readonly writer?: SoakWriter;
  private readonly timers: NodeJS.Timeout[] = [];
  private checkedTo = 0;
  private checks = 0;
  private checking?: Promise<void>;
  private readonly reported = new Set<string>();
  private readonly watching = new AbortController();
  /** Acknowledged writes the checker has not been fed the log up to yet: handed over once it has. */
  private acknowledged: AcknowledgedWrite[] = [];

  constructor(private readonly lab: Lab, private readonly options: SoakOptions, private readonly out: (line: string) => void) {
    this.checker = new InvariantChecker({ timeScale: lab.timeScale });
    if (options.workload) this.writer = new SoakWriter(lab.apiUrl, (w) => this.acknowledged.push(w));
  }

  /** Creates the workload and starts the writer and the checks. */
  async start(): Promise<void> {
    const every = (labSeconds: number, act: () => Promise<void>) => {
      let busy = false;
      this.timers.push(setInterval(() => {
        if (busy) return;
        busy = true;
        void act().finally(() => (busy = false));
      }, (labSeconds * 1000) / this.lab.timeScale));
    };
    if (this.writer) {
      await this.writer.createObjects();
      this.out(`workload: namespace soak (Deployments web and api, StatefulSet db, DaemonSet node-agent, Job batch, CronJob tick); ${this.writer.tally.acknowledged} objects created`);
      const writer = this.writer;
      every(tickEvery, () => writer.tick());
      every(scaleEvery, () => writer.scale());
    }
    if (this.options.check) {
      const timer = setInterval(() => void this.checkNow(), checkEveryMs);
      this.timers.push(timer);
      // Watchers as kubectl get -w keeps them, so the api-server's record of watch order has something to judge.
      for (const path of watchedPaths) void this.keepWatching(path);
    }
  }

  /** Holds a watch on `path` open until the soak ends, opening it again whenever it ends or the api-server goes. */
  private async keepWatching(path: string): Promise<void> {
    while (!this.watching.signal.aborted) {
      const res = await fetch(`${this.lab.apiUrl}${path}?watch=true&timeoutSeconds=120`, { signal: this.watching.signal }).catch(() => undefined);
      if (res?.body) await res.body.pipeTo(new WritableStream()).catch(() => undefined);
      if (!res) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Feeds the log's new entries to the checker and prints an invariant the moment it breaks. */
  private checkNow(): Promise<void> {
    this.checking ??= (async () => {
      // The api-server may be the one a drill killed: the next round picks up where this one stopped.
      this.checkedTo = await checkLab(this.lab.apiUrl, this.checker, this.checkedTo).catch(() => this.checkedTo);
      this.checks++;
      // A write acknowledged after the log was read is judged in the next round, when the log has it.
      const fed = this.acknowledged.filter((w) => w.seq <= this.checkedTo);
      this.acknowledged = this.acknowledged.filter((w) => w.seq > this.checkedTo);
      fed.forEach((w) => this.checker.acknowledge(w));
      for (const r of this.checker.report().results) {
        if (r.pass || provisional.has(r.id) || this.reported.has(r.id)) continue;
        this.reported.add(r.id);
        this.out(`check: FAIL ${r.id} at seq ${this.checkedTo}: ${r.failures[0]?.message ?? ''}`);
      }
    })().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Stops the writer, lets the workload settle, runs the last checks; true when every invariant held. */
  async finish(drills: { run: number; refused: number }): Promise<boolean> {
    this.timers.splice(0).forEach(clearInterval);
    this.watching.abort();
    await this.checking;
    if (this.writer) await this.settle();
    if (!this.options.check) return true;
    await this.checkNow();
    // What is left was acknowledged but is not in the log as far as it goes: lost.
    this.acknowledged.splice(0).forEach((w) => this.checker.acknowledge(w));
    const report: CheckReport = { ...this.checker.report(), results: [...this.checker.report().results, await replayEqualsLive(this.lab.apiUrl), await watchOrder(this.lab.apiUrl)] };
    for (const line of formatReport(report)) this.out(line);
    const lost = report.results.find((r) => r.id === 'exactly-once')?.failures.filter((f) => f.message.includes(' is lost')).length ?? 0;
    const tally = this.writer?.tally;
    this.out(`soak: ${drills.run} drills run (${drills.refused} refused), invariants checked ${this.checks} times over ${report.seqsChecked} events, `
      + `writes acknowledged ${tally?.acknowledged ?? 0} of ${tally?.tried ?? 0} tried, lost: ${lost}`);
    return !report.results.some((r) => r.skipped === undefined && !r.pass);
  }

  /** Waits, with a line every few seconds, until every workload is whole again (or the settle time runs out). */
  private async settle(): Promise<void> {
    const deadline = Date.now() + (settleFor * 1000) / this.lab.timeScale;
    let said = 0;
    for (;;) {
      const left = await unsettled(this.lab.apiUrl).catch(() => ['the api-server does not answer']);
      if (left.length === 0) return this.out('settle: every workload is whole');
      if (Date.now() > deadline) return this.out(`settle: still not whole after ${settleFor}s of lab time: ${left.join(', ')}`);
      if (Date.now() - said > 5000) {
        said = Date.now();
        this.out(`settle: waiting for ${left.join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
