/**
 * The kubelet's token manager as decisions (pkg/kubelet/token/token_manager.go and the projected
 * volume plugin): which projected serviceAccountToken sources a pod has, the TokenRequest the
 * kubelet sends for each (bound to the pod), and when a token it holds must be fetched anew: once
 * 80% of its lifetime has passed or it is 24 hours old, each less a random jitter of up to 10 s.
 * Pure: times in, times out (lab time in the agent).
 */
import type { Pod, Typed } from '@kubelab/api';
import type * as authentication from 'kubernetes-types/authentication/v1';

/** A TokenRequest as the kubelet sends it and the api-server answers it (the token in its status); no informer serves the kind, so it has no alias in @kubelab/api. */
export type TokenRequest = Typed<authentication.TokenRequest>;

/** One serviceAccountToken source of a projected volume: the file it fills and what the token is for. */
export interface ProjectedToken {
  volume: string;
  path: string;
  /** The projection's audience; absent: the api-server's own audiences. */
  audience?: string;
  expirationSeconds: number;
}

/** The kubelet's refresh bounds: no token lives past a day, and refreshes spread over 10 s. */
const maxTokenTtlSeconds = 24 * 60 * 60;
export const maxRefreshJitterSeconds = 10;
/** The API's default lifetime of a projected token when the source names none. */
const defaultExpirationSeconds = 3600;

/** The pod's projected serviceAccountToken sources, in volume order. */
export function projectedTokens(pod: Pod): ProjectedToken[] {
  return (pod.spec?.volumes ?? []).flatMap((v) =>
    (v?.projected?.sources ?? []).flatMap((s): ProjectedToken[] => {
      const source = s?.serviceAccountToken;
      return source ? [{
        volume: v.name,
        path: source.path,
        ...(source.audience ? { audience: source.audience } : {}),
        expirationSeconds: source.expirationSeconds ?? defaultExpirationSeconds,
      }] : [];
    }));
}

/** Where the token of `token` is remembered: one per volume and path. */
export const tokenKey = (token: Pick<ProjectedToken, 'volume' | 'path'>) => `${token.volume}/${token.path}`;

/** The TokenRequest the kubelet sends for `token` of `pod` (to serviceaccounts/SA/token, SA the pod's account). */
export function tokenRequestFor(pod: Pod, token: ProjectedToken): TokenRequest {
  return {
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {},
    spec: {
      audiences: token.audience ? [token.audience] : [],
      expirationSeconds: token.expirationSeconds,
      boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid },
    },
  };
}

/**
 * When a token issued at `issuedAt` for `expirationSeconds` must be fetched anew (requiresRefresh turned
 * into an instant): 24 h after issue or with 20% of its lifetime left, whichever comes first, less `jitterSeconds`.
 */
export function tokenRefreshAt(issuedAt: Date, expirationSeconds: number, jitterSeconds: number): Date {
  const seconds = Math.min(maxTokenTtlSeconds, expirationSeconds - Math.floor((expirationSeconds * 20) / 100)) - jitterSeconds;
  return new Date(issuedAt.getTime() + Math.max(0, seconds) * 1000);
}
