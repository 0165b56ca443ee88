/**
 * The certificates `kubeadm init` writes on the control-plane node, as a lab node holds them: their contents stay off
 * the node, so each file names itself (which is how etcd's TLS peers here tell one from another) and says when it was
 * issued and until when it is valid, which `kubeadm certs check-expiration` reads and `kubeadm certs renew` rewrites.
 * kubeadm's own table of them: each certificate's file, the CA that signs it, and how `renew` words it.
 */
import { X509Certificate } from 'node:crypto';

/** kubeadm 1.32's validity: a year for what it signs, ten for its CAs. */
export const certificateDays = 365;
export const caDays = 3650;

const day = 86_400_000;

/** What kubeadm's certificate or key file `file` (relative to /etc/kubernetes/pki, or a kubeconfig's name) holds on a lab node, valid from `from`. */
export function kubeadmPkiText(file: string, from?: Date, days = certificateDays): string {
  const validity = from ? `not before: ${from.toISOString()}\nnot after: ${new Date(from.getTime() + days * day).toISOString()}\n` : '';
  return `kubelab keeps the contents of ${file} off the node\n${validity}`;
}

/** The kubeadm certificate or key a file's contents are (relative to /etc/kubernetes/pki), wherever it was copied; undefined for anything else. */
export function kubeadmPkiFileOf(text: string): string | undefined {
  return /^kubelab keeps the contents of (\S+) off the node(?:\n|$)/.exec(text)?.[1];
}

/** When a certificate is valid: from and until. */
export interface CertificateValidity {
  notBefore: Date;
  notAfter: Date;
}

/** When a certificate is valid: the dates a lab file says, or a real PEM's (the cluster CA every node has); a kubeconfig's are its client certificate's. */
export function certificateValidity(text: string): CertificateValidity | undefined {
  const certificate = /^\s*client-certificate-data: /m.test(text) ? kubeconfigCertificate(text) ?? '' : text;
  const [from, until] = [/\nnot before: (\S+)\n/, /\nnot after: (\S+)\n/].map((pattern) => pattern.exec(certificate)?.[1]);
  if (from && until) return { notBefore: new Date(from), notAfter: new Date(until) };
  if (!certificate.startsWith('-----BEGIN CERTIFICATE-----')) return undefined;
  try {
    const pem = new X509Certificate(certificate);
    return { notBefore: new Date(pem.validFrom), notAfter: new Date(pem.validTo) };
  } catch {
    return undefined;
  }
}

/** One certificate kubeadm manages: its name in `kubeadm certs`, where it is, its CA, and the words `renew` uses. */
export interface KubeadmCertificate {
  readonly name: string;
  /** Under /etc/kubernetes/pki, or a kubeconfig under /etc/kubernetes (its embedded client certificate). */
  readonly path: string;
  readonly ca: 'ca' | 'etcd-ca' | 'front-proxy-ca';
  readonly renewed: string;
}

const pki = (file: string) => `/etc/kubernetes/pki/${file}`;
const conf = (file: string) => `/etc/kubernetes/${file}`;

/** kubeadm 1.32's certificates, in the order `check-expiration` lists them. */
export const kubeadmCertificates: readonly KubeadmCertificate[] = [
  { name: 'admin.conf', path: conf('admin.conf'), ca: 'ca', renewed: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself' },
  { name: 'apiserver', path: pki('apiserver.crt'), ca: 'ca', renewed: 'certificate for serving the Kubernetes API' },
  { name: 'apiserver-etcd-client', path: pki('apiserver-etcd-client.crt'), ca: 'etcd-ca', renewed: 'certificate the apiserver uses to access etcd' },
  { name: 'apiserver-kubelet-client', path: pki('apiserver-kubelet-client.crt'), ca: 'ca', renewed: 'certificate for the API server to connect to kubelet' },
  { name: 'controller-manager.conf', path: conf('controller-manager.conf'), ca: 'ca', renewed: 'certificate embedded in the kubeconfig file for the controller manager to use' },
  { name: 'etcd-healthcheck-client', path: pki('etcd/healthcheck-client.crt'), ca: 'etcd-ca', renewed: 'certificate for liveness probes to healthcheck etcd' },
  { name: 'etcd-peer', path: pki('etcd/peer.crt'), ca: 'etcd-ca', renewed: 'certificate for etcd nodes to communicate with each other' },
  { name: 'etcd-server', path: pki('etcd/server.crt'), ca: 'etcd-ca', renewed: 'certificate for serving etcd' },
  { name: 'front-proxy-client', path: pki('front-proxy-client.crt'), ca: 'front-proxy-ca', renewed: 'certificate for the front proxy client' },
  { name: 'scheduler.conf', path: conf('scheduler.conf'), ca: 'ca', renewed: 'certificate embedded in the kubeconfig file for the scheduler manager to use' },
  { name: 'super-admin.conf', path: conf('super-admin.conf'), ca: 'ca', renewed: 'certificate embedded in the kubeconfig file for the super-admin' },
];

/** kubeadm's CAs, and where each certificate is. */
export const kubeadmAuthorities: readonly { readonly name: string; readonly path: string }[] = [
  { name: 'ca', path: pki('ca.crt') }, { name: 'etcd-ca', path: pki('etcd/ca.crt') }, { name: 'front-proxy-ca', path: pki('front-proxy-ca.crt') },
];

/** The client certificate a kubeconfig file embeds (its `client-certificate-data`, decoded); undefined when it has none. */
export function kubeconfigCertificate(kubeconfig: string): string | undefined {
  const data = /^\s*client-certificate-data: (\S+)$/m.exec(kubeconfig)?.[1];
  return data === undefined ? undefined : Buffer.from(data, 'base64').toString('utf8');
}

/** The kubeconfig with `certificate` embedded as its client certificate instead. */
export function withKubeconfigCertificate(kubeconfig: string, certificate: string): string {
  return kubeconfig.replace(/^(\s*client-certificate-data: )\S+$/m, `$1${Buffer.from(certificate).toString('base64')}`);
}
