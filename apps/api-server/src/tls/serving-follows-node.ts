/**
 * kube-apiserver serves the certificate its --tls-cert-file holds, and takes a renewed file without a restart. The
 * lab's api-server serves its own certificate from the lab's CA, but follows what the control-plane node's file says at
 * the machines' time (`kubelab clock`): once that file's certificate is out of its validity there, it serves one whose
 * dates are the file's moved back by the clock's offset, so kubectl and every client refuse it as a cluster's clients
 * refuse an expired api-server certificate (`x509: certificate has expired or is not yet valid`); `kubeadm certs renew`
 * on the node gives its own back.
 */
import type { Server } from 'node:tls';
import type { StaticPodStarts } from '@kubelab/bus';
import { issueServingCertificate, servedOutOfDate, type KeyPairPem, type SubjectNames } from '@kubelab/pki';
import type { Logger } from 'pino';
import type { ServingCredentials } from './lab-pki.js';

export class ServingFollowsNode {
  /** The dates served instead of its own certificate ('' while its own is served). */
  private served = '';
  private applying = Promise.resolve();

  /** `offsetMs`: how far the machines' clock is ahead of the host's now. */
  constructor(
    private readonly server: Server,
    private readonly own: ServingCredentials,
    private readonly authority: KeyPairPem,
    private readonly names: SubjectNames,
    private readonly offsetMs: () => number,
    private readonly log: Logger,
  ) {}

  /** The control-plane node's kubelet told how its static pods start: the kube-apiserver's says when its certificate is valid. */
  heard(word: StaticPodStarts): Promise<void> {
    const serving = word.pods.find((p) => p.program === 'kube-apiserver')?.serving;
    const file = serving && { notBefore: new Date(serving.notBefore), notAfter: new Date(serving.notAfter) };
    this.applying = this.applying.then(() => this.serve(servedOutOfDate(file, this.offsetMs(), new Date()))).catch((e: Error) => {
      this.log.warn({ err: e.message }, 'serving certificate not changed');
    });
    return this.applying;
  }

  private async serve(dates: { notBefore: Date; notAfter: Date } | undefined): Promise<void> {
    const key = dates ? `${dates.notBefore.toISOString()}/${dates.notAfter.toISOString()}` : '';
    if (key === this.served) return;
    const pair = dates ? await issueServingCertificate(this.authority, this.names, dates) : this.own;
    this.server.setSecureContext({ key: pair.key, cert: pair.cert, ca: this.own.ca });
    this.served = key;
    this.log.info(dates ? { notBefore: dates.notBefore, notAfter: dates.notAfter } : {}, dates ? 'serving a certificate out of its validity, as the node\'s file is at the machines\' time' : 'serving the api-server\'s own certificate');
  }
}
