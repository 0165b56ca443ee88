import { describe, expect, it } from 'vitest';
import { certificateValidity, kubeadmPkiText, withKubeconfigCertificate } from './kubeadm-pki.js';

const issued = new Date('2026-11-25T00:00:00Z');
const dates = { notBefore: issued, notAfter: new Date('2027-11-25T00:00:00Z') };

describe('a certificate\'s validity, as a lab node\'s file says it', () => {
  it('reads the dates of a certificate file kubeadm wrote, and of a kubeconfig\'s embedded client certificate', () => {
    expect(certificateValidity(kubeadmPkiText('apiserver.crt', issued))).toEqual(dates);
    const kubeconfig = withKubeconfigCertificate('users:\n- name: admin\n  user:\n    client-certificate-data: eA==\n', kubeadmPkiText('admin.conf', issued));
    expect(certificateValidity(kubeconfig)).toEqual(dates);
  });

  it('knows none in a key, a kubeconfig without a certificate it can read, or text that is no certificate', () => {
    expect(certificateValidity(kubeadmPkiText('apiserver.key'))).toBeUndefined();
    expect(certificateValidity('users:\n- name: admin\n  user:\n    client-certificate-data: eA==\n')).toBeUndefined();
    expect(certificateValidity('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n')).toBeUndefined();
  });
});
