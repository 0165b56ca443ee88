/**
 * Authentication, impersonation and RBAC authorization in front of every request, as
 * kube-apiserver's filter chain runs them: who is asking (a verified client certificate,
 * a ServiceAccount token, or system:anonymous), whom they act as (Impersonate-* headers,
 * each one authorized), then whether RBAC lets that user do what the URL asks. A 401 or
 * 403 is answered before anything is read or written. The --insecure-http listener, as
 * kube-apiserver's old insecure port, checks nobody.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  ApiError, authorize, authorizeNode, badRequest, bootstrapPolicy, nodeOfUser, forbiddenMessage, notAuthorized, rulesReview, unauthorized,
  type ClusterRole, type KubeObject, type NodeGraph, type PodOnNode, type PolicyRule, type RbacObjects, type RequestAttributes, type UserInfo,
} from '@kubelab/api';
import { Authenticator, unsecuredUser, type ClientCredentials } from './authenticate.js';
import { answerTokenRequest, type TokenRequestBody } from './token-request.js';
import { ServiceAccountTokens, type UidLookup } from './service-account-tokens.js';
import { requestAttributes } from './request-attributes.js';

/** What the authorizers read of the api-server's store. */
export interface StoreReads {
  /** The live objects of a kind (in a namespace, or all). */
  list(kind: string, namespace?: string): KubeObject[];
  /** The pods bound to a node, from the store's index: a kubelet's every request for a Secret or a token asks, and 100,000 pods are too many to walk each time. */
  podsOn(node: string): PodOnNode[];
}

/** What each TLS connection's client certificate says (`undefined`: it sent none): worked out at its first request, as it stays for the connection's life. */
const certificateOfSocket = new WeakMap<object, ClientCredentials['certificate']>();

/** What the TLS handshake says about the connection's client: asked of OpenSSL once per connection, not per request (1.6% of a busy api-server's time). */
function certificateOf(socket: Partial<TLSSocket>): ClientCredentials['certificate'] {
  if (certificateOfSocket.has(socket)) return certificateOfSocket.get(socket);
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const certificate: ClientCredentials['certificate'] = !peer || Object.keys(peer).length === 0 ? undefined
    : !socket.authorized ? 'unverified'
    : { commonName: list(peer.subject?.CN)[0] ?? '', organizations: list(peer.subject?.O) };
  certificateOfSocket.set(socket, certificate);
  return certificate;
}

/** What the TLS handshake and the headers say about the sender of `req`. */
export function credentialsOf(req: IncomingMessage): ClientCredentials {
  const certificate = certificateOf(req.socket as Partial<TLSSocket>);
  const authorization = req.headers.authorization;
  const withAuthorization = authorization === undefined ? {} : { authorization };
  if (certificate === undefined) return withAuthorization;
  if (certificate === 'unverified') return { certificate };
  return { certificate, ...withAuthorization };
}

/** A refusal by the filter chain after authentication (a 403), carrying the user it refused: the audit entry's who. A 401 has nobody to carry. */
export class AccessRefused extends ApiError {
  constructor(status: ApiError['status'], readonly user: UserInfo) {
    super(status);
  }
}

/** `e` as the refusal of `user`, when it is a Status; anything else as it is. */
function refusedFor(e: unknown, user: UserInfo): unknown {
  return e instanceof ApiError && !(e instanceof AccessRefused) ? new AccessRefused(e.status, user) : e;
}

/** The user a refused request acted as, when the refusal knows it. */
export function refusedUser(e: unknown): UserInfo | undefined {
  return e instanceof AccessRefused ? e.user : undefined;
}

/** The pods subresources whose WebSocket upgrade (a GET) is authorized as `create`, as in Kubernetes 1.32. */
const streamSubresources = new Set(['exec', 'attach', 'portforward']);

/** The rules the Node authorizer applies to what it does not judge by the graph: the `system:node` ClusterRole's. */
const nodeRules: readonly PolicyRule[] = (bootstrapPolicy.clusterRoles.find((r) => r.metadata.name === 'system:node') as ClusterRole | undefined)?.rules ?? [];

/** Decisions remembered at most, before the cache starts afresh. */
const cachedDecisions = 10_000;

export class RequestAuth {
  private readonly authenticator: Authenticator;
  /** RBAC's decisions while no Role, ClusterRole or binding changes: they depend on nothing else. */
  private readonly decisions = new Map<string, { allowed: boolean; reason: string }>();
  private decidedAt = '';

  private opened?: Promise<ServiceAccountTokens>;

  /**
   * `certDir`: where the service-account key is (made when a token is first issued or checked); `secure`: the HTTPS
   * listener, which authenticates; `rbacDecides` false: every authenticated request is allowed (AlwaysAllow);
   * `store` and `uidOf` read the store; `rbacVersion` changes whenever a Role, ClusterRole or binding does.
   */
  constructor(
    private readonly certDir: string,
    /** False on the insecure listener, where everyone is system:unsecured. */
    private readonly secure: boolean,
    private readonly store: StoreReads,
    uidOf: UidLookup,
    private readonly rbacVersion: () => string,
    private readonly rbacDecides = true,
  ) {
    this.authenticator = new Authenticator(() => this.tokens(), uidOf);
  }

  private tokens(): Promise<ServiceAccountTokens> {
    this.opened ??= ServiceAccountTokens.open(this.certDir);
    return this.opened;
  }

  /** The RBAC objects as the store holds them now. */
  get rbac(): RbacObjects {
    return {
      clusterRoles: this.store.list('ClusterRole'),
      clusterRoleBindings: this.store.list('ClusterRoleBinding'),
      roles: (namespace: string) => this.store.list('Role', namespace),
      roleBindings: (namespace: string) => this.store.list('RoleBinding', namespace),
    };
  }

  /** The user a request acts as once it is authenticated, its impersonation authorized, and what it asks authorized. */
  async admit(method: string, url: string, headers: IncomingHttpHeaders, credentials: ClientCredentials, now = new Date()): Promise<UserInfo> {
    if (!this.secure) return unsecuredUser;
    const authenticated = await this.authenticator.authenticate(credentials, now);
    if (!authenticated) throw unauthorized();
    let user = authenticated;
    try {
      user = this.impersonated(authenticated, headers);
      const parsed = new URL(url, 'http://kubelab');
      const attrs = requestAttributes(method, parsed.pathname.replace(/\/+$/, '') || '/', Object.fromEntries(parsed.searchParams));
      const asked = attrs.resourceRequest && attrs.resource === 'pods' && streamSubresources.has(attrs.subresource ?? '') && headers.upgrade ? { ...attrs, verb: 'create' } : attrs;
      this.authorize(user, asked);
    } catch (e) {
      throw refusedFor(e, user);
    }
    return user;
  }

  /** The pods bound to each node and the claims they use, for the Node authorizer. */
  private get graph(): NodeGraph {
    return {
      podsOn: (node) => this.store.podsOn(node),
      claim: (namespace, name) => this.store.list('PersistentVolumeClaim', namespace).find((c) => c.metadata.name === name),
    };
  }

  /**
   * Whether the authorizers let `user` do `attrs` (also for the access reviews), with their reason: the Node authorizer, then
   * RBAC, as `--authorization-mode=Node,RBAC` chains them; a refusal's reason joins what each said, as the union authorizer does.
   */
  decide(user: UserInfo, attrs: RequestAttributes): { allowed: boolean; reason: string } {
    if (!this.rbacDecides) return { allowed: true, reason: '' };
    if (nodeOfUser(user) !== undefined) {
      const node = authorizeNode(user, attrs, nodeRules, this.graph);
      if (node?.decision === 'allow') return { allowed: true, reason: '' };
      const rbac = authorize(user, attrs, this.rbac);
      if (rbac.allowed) return rbac;
      return { allowed: false, reason: [node?.reason ?? '', rbac.reason].filter(Boolean).join('\n') };
    }
    const version = this.rbacVersion();
    if (version !== this.decidedAt || this.decisions.size >= cachedDecisions) {
      this.decisions.clear();
      this.decidedAt = version;
    }
    const key = JSON.stringify([user.username, user.groups, attrs]);
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = authorize(user, attrs, this.rbac);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** SelfSubjectRulesReview's status for `user` in `namespace`. */
  rules(user: UserInfo, namespace: string): object {
    return rulesReview(user, namespace, this.rbac);
  }

  /** serviceaccounts/NAME/token: a TokenRequest answered for the ServiceAccount `account`. */
  async tokenRequest(account: KubeObject, body: TokenRequestBody, readPod: (namespace: string, name: string) => KubeObject | undefined, now = new Date()): Promise<KubeObject> {
    return answerTokenRequest(await this.tokens(), account, body, readPod, now);
  }

  /** TokenReview's status for `token` and the audiences asked about. */
  async tokenReview(token: string, audiences: string[], now = new Date()): Promise<object> {
    const reviewed = await this.authenticator.review(token, audiences, now);
    if (!reviewed) return { user: {}, error: '[invalid bearer token, service account token is not valid]' };
    return { authenticated: true, user: reviewed.user, audiences: reviewed.audiences };
  }

  /** Throws kube-apiserver's 403 when the authorizers do not let `user` do `attrs`. */
  authorize(user: UserInfo, attrs: RequestAttributes): void {
    const decision = this.decide(user, attrs);
    if (decision.allowed) return;
    const reason = nodeOfUser(user) !== undefined ? decision.reason : '';
    throw notAuthorized(forbiddenMessage(user, attrs, reason), attrs.resourceRequest ? { group: attrs.apiGroup, resource: attrs.resource, name: attrs.name } : {});
  }

  /** The user named by Impersonate-* headers, each one authorized for `user` (`impersonate` on users, groups, uids, userextras). */
  private impersonated(user: UserInfo, headers: IncomingHttpHeaders): UserInfo {
    const values = (name: string) => {
      const v = headers[name];
      return v === undefined ? [] : (Array.isArray(v) ? v : String(v).split(',')).map((x) => x.trim()).filter(Boolean);
    };
    const name = values('impersonate-user')[0];
    const groups = values('impersonate-group');
    const uid = values('impersonate-uid')[0];
    const extraHeaders = Object.keys(headers).filter((h) => h.startsWith('impersonate-extra-'));
    if (name === undefined) {
      if (groups.length > 0 || uid !== undefined || extraHeaders.length > 0) throw badRequest('requested impersonation of groups, uid or extra without impersonating a user');
      return user;
    }
    const impersonate = (resource: string, target: string, extra: Partial<RequestAttributes> = {}) =>
      this.authorize(user, { resourceRequest: true, verb: 'impersonate', apiGroup: '', apiVersion: '', resource, name: target, ...extra } as RequestAttributes);
    const account = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
    if (account) impersonate('serviceaccounts', account[2], { namespace: account[1] });
    else impersonate('users', name);
    for (const group of groups) impersonate('groups', group);
    if (uid !== undefined) impersonate('uids', uid, { apiGroup: 'authentication.k8s.io' });
    const extra: Record<string, string[]> = {};
    for (const header of extraHeaders) {
      const key = decodeURIComponent(header.slice('impersonate-extra-'.length));
      extra[key] = values(header);
      for (const value of extra[key]) impersonate('userextras', value, { apiGroup: 'authentication.k8s.io', subresource: key });
    }
    const serviceAccountGroups = account ? ['system:serviceaccounts', `system:serviceaccounts:${account[1]}`] : [];
    const everyone = name === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated';
    const impersonatedGroups = [...(groups.length > 0 ? groups : serviceAccountGroups), ...(groups.includes(everyone) ? [] : [everyone])];
    return { username: name, groups: impersonatedGroups, ...(uid !== undefined ? { uid } : {}), ...(extraHeaders.length > 0 ? { extra } : {}) };
  }
}
