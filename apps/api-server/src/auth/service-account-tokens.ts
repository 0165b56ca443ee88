/**
 * ServiceAccount tokens as kube-apiserver issues and checks them: JWTs signed with the
 * cluster's service-account key (sa.key / sa.pub in the PKI folder, kubeadm's names),
 * issued by the TokenRequest API for an audience and a lifetime, optionally bound to a
 * pod, and accepted only while they are unexpired, meant for this api-server and their
 * ServiceAccount (and pod) still exist with the same UID.
 */
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { UserInfo } from '@kubelab/api';

/** The issuer and default audience of a kubeadm cluster's tokens. */
export const defaultIssuer = 'https://kubernetes.default.svc.cluster.local';

/** What a token is bound to: the ServiceAccount, and the pod it was requested for, by name and UID. */
export interface TokenSubject {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
}

/** Looks up an object's UID now (undefined when it is gone), so a token dies with what it was bound to. */
export type UidLookup = (kind: 'ServiceAccount' | 'Pod', namespace: string, name: string) => string | undefined;

interface KubernetesClaims extends JWTPayload {
  'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string }; pod?: { name?: string; uid?: string }; warnafter?: number };
}

/** Makes the key pair on first use, as kubeadm's certs phase writes sa.key and sa.pub. */
function ensureKeyPair(dir: string): { privatePem: string; publicPem: string } {
  const privateFile = join(dir, 'sa.key');
  const publicFile = join(dir, 'sa.pub');
  if (!existsSync(privateFile) || !existsSync(publicFile)) {
    mkdirSync(dir, { recursive: true });
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    writeFileSync(privateFile, pair.privateKey, { mode: 0o600 });
    writeFileSync(publicFile, pair.publicKey, { mode: 0o644 });
  }
  return { privatePem: readFileSync(privateFile, 'utf8'), publicPem: readFileSync(publicFile, 'utf8') };
}

/** The username of a ServiceAccount, and the groups every one of them is in. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`, ...(uid ? { uid } : {}),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export class ServiceAccountTokens {
  private constructor(private readonly signing: CryptoKey, private readonly verifying: CryptoKey, private readonly keyId: string, readonly issuer: string) {}

  /** The tokens of the key pair in `dir` (made when missing). */
  static async open(dir: string, issuer = defaultIssuer): Promise<ServiceAccountTokens> {
    const { privatePem, publicPem } = ensureKeyPair(dir);
    // The key id as kube-apiserver derives it: a hash of the public key, so verifiers can pick the key.
    const keyId = createHash('sha256').update(publicPem).digest('base64url');
    return new ServiceAccountTokens(await importPKCS8(privatePem, 'RS256'), await importSPKI(publicPem, 'RS256'), keyId, issuer);
  }

  /**
   * A signed token for `subject`, valid for `expirationSeconds` from `now` for `audiences`; `warnAfterSeconds`
   * marks an extended token with the lifetime its requester asked for (the `warnafter` claim).
   */
  async issue(subject: TokenSubject, audiences: string[], expirationSeconds: number, now: Date, warnAfterSeconds?: number): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((iat + expirationSeconds) * 1000);
    const claims: KubernetesClaims = {
      'kubernetes.io': {
        namespace: subject.namespace, serviceaccount: subject.serviceAccount, ...(subject.pod ? { pod: subject.pod } : {}),
        ...(warnAfterSeconds === undefined ? {} : { warnafter: iat + warnAfterSeconds }),
      },
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.keyId })
      .setIssuer(this.issuer).setSubject(`system:serviceaccount:${subject.namespace}:${subject.serviceAccount.name}`)
      .setAudience(audiences).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(iat + expirationSeconds).setJti(randomUUID())
      .sign(this.signing);
    return { token, expiresAt };
  }

  /**
   * The user a token stands for and the audiences it was meant for (those of `audiences` it names),
   * or undefined when it is not one of ours, has expired, names none of `audiences`, or what it was bound to is gone.
   */
  async verify(token: string, audiences: string[], lookup: UidLookup, now: Date): Promise<{ user: UserInfo; audiences: string[] } | undefined> {
    let payload: KubernetesClaims;
    try {
      ({ payload } = await jwtVerify<KubernetesClaims>(token, this.verifying, { issuer: this.issuer, audience: audiences, currentDate: now }));
    } catch {
      return undefined;
    }
    const k8s = payload['kubernetes.io'];
    const namespace = k8s?.namespace;
    const account = k8s?.serviceaccount;
    if (!namespace || !account?.name || !account.uid || lookup('ServiceAccount', namespace, account.name) !== account.uid) return undefined;
    if (k8s.pod && (!k8s.pod.name || lookup('Pod', namespace, k8s.pod.name) !== k8s.pod.uid)) return undefined;
    const user = serviceAccountUser(namespace, account.name, account.uid);
    const extra: Record<string, string[]> = {
      ...(payload.jti ? { 'authentication.kubernetes.io/credential-id': [`JTI=${payload.jti}`] } : {}),
      ...(k8s.pod ? { 'authentication.kubernetes.io/pod-name': [k8s.pod.name!], 'authentication.kubernetes.io/pod-uid': [k8s.pod.uid!] } : {}),
    };
    const tokenAudiences = typeof payload.aud === 'string' ? [payload.aud] : payload.aud ?? [];
    return { user: { ...user, extra }, audiences: audiences.filter((a) => tokenAudiences.includes(a)) };
  }
}
