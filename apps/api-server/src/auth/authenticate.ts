/**
 * Who sent a request, as kube-apiserver's authenticator chain decides it: a client
 * certificate the lab CA signed (CN is the user, O the groups), else a bearer token
 * (a ServiceAccount token this api-server signed), else nobody: system:anonymous.
 * A certificate that does not verify or a token that is not valid is a 401, never
 * anonymous. Everyone authenticated is also in system:authenticated.
 */
import type { UserInfo } from '@kubelab/api';
import { defaultIssuer, type ServiceAccountTokens, type UidLookup } from './service-account-tokens.js';

/** What a request carries that can say who sent it. */
export interface ClientCredentials {
  /** The TLS client certificate's subject once the handshake verified it against the lab CA, or 'unverified' when it did not. */
  certificate?: { commonName: string; organizations: string[] } | 'unverified';
  /** The Authorization header. */
  authorization?: string;
}

/** The user of a request that shows no credentials. */
export const anonymousUser: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** The user of the --insecure-http listener, as kube-apiserver's old insecure port: a cluster admin, checked by nobody. */
export const unsecuredUser: UserInfo = { username: 'system:unsecured', groups: ['system:masters', 'system:authenticated'] };

const withAuthenticatedGroup = (user: UserInfo): UserInfo =>
  user.groups.includes('system:authenticated') ? user : { ...user, groups: [...user.groups, 'system:authenticated'] };

export class Authenticator {
  /** `tokens` opens the service-account key when a token is first seen. */
  constructor(private readonly tokens: () => Promise<ServiceAccountTokens>, private readonly lookup: UidLookup, private readonly audiences = [defaultIssuer]) {}

  /** The user, or undefined for a 401 (credentials shown that are not valid). */
  async authenticate(credentials: ClientCredentials, now: Date): Promise<UserInfo | undefined> {
    const { certificate, authorization } = credentials;
    if (certificate === 'unverified') return undefined;
    if (certificate) return withAuthenticatedGroup({ username: certificate.commonName, groups: certificate.organizations });
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!bearer) return undefined;
      return (await (await this.tokens()).verify(bearer, this.audiences, this.lookup, now))?.user;
    }
    return anonymousUser;
  }

  /** A TokenReview: the user a token stands for and the audiences it is good for among `audiences` (the api-server's when none). */
  async review(token: string, audiences: string[], now: Date): Promise<Awaited<ReturnType<ServiceAccountTokens['verify']>>> {
    return (await this.tokens()).verify(token, audiences.length > 0 ? audiences : this.audiences, this.lookup, now);
  }
}
