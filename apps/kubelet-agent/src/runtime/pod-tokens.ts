/**
 * The tokens of one pod's projected serviceAccountToken sources, as the kubelet's token manager
 * keeps them: each fetched from the api-server with a TokenRequest bound to the pod (over NATS),
 * held for the volume, and fetched anew when token-projection.ts says so, on lab time. A new token
 * is handed to `rotated`, which writes it into the mounted volume as the kubelet's next volume
 * sync does.
 */
import type { KubeObject, Pod } from '@kubelab/api';
import type { LabTime } from './lab-time.js';
import { maxRefreshJitterSeconds, projectedTokens, tokenKey, tokenRefreshAt, tokenRequestFor, type ProjectedToken, type TokenRequest } from './token-projection.js';

/** Where tokens come from: the TokenRequest API (ApiClient.requestToken). */
export interface TokenRequester {
  requestToken(namespace: string, serviceAccount: string, tokenRequest: object): Promise<KubeObject>;
}

export interface PodTokensDeps {
  client: TokenRequester;
  time: LabTime;
  /** The pod as it is now (its UID and account stay; the worker's copy is the newest). */
  pod: () => Pod;
  /** A token arrived or could not be had: the worker syncs again. */
  changed: () => void;
  /** A held token was replaced by a fresh one. */
  rotated: (token: ProjectedToken, value: string) => void;
}

/** Whether every token the pod's volumes need is here. */
export type TokensState = { ready: true } | { ready: false; failure?: { volume: string; message: string } };

/** Lab seconds before a refresh that failed is tried again (the old token stays meanwhile). */
const refreshRetrySeconds = 10;

export class PodTokens {
  // The collections are made at their first use, and `fetching` dropped once empty: most pods project no token, or one
  // fetched once, and an empty Map or Set is 170 bytes more for every pod an agent runs.
  /** Each token held, with the timer of its refresh. */
  private held?: Map<string, { readonly value: string; refresh?: NodeJS.Timeout }>;
  private failures?: Map<string, string>;
  private fetching?: Set<string>;
  private stopped = false;

  constructor(private readonly deps: PodTokensDeps) {}

  /** Starts fetching what is missing; a fetch that failed is reported once, then tried again at the next check. */
  check(): TokensState {
    for (const token of projectedTokens(this.deps.pod())) {
      const key = tokenKey(token);
      if (this.held?.has(key)) continue;
      const failure = this.failures?.get(key);
      if (failure !== undefined) {
        this.failures?.delete(key);
        return { ready: false, failure: { volume: token.volume, message: failure } };
      }
      this.fetch(token, false);
      return { ready: false };
    }
    return { ready: true };
  }

  /** The token held for a source of `volume`. */
  token(volume: string, path: string): string | undefined {
    return this.held?.get(tokenKey({ volume, path }))?.value;
  }

  stop(): void {
    this.stopped = true;
    for (const { refresh } of this.held?.values() ?? []) clearTimeout(refresh);
  }

  private fetch(token: ProjectedToken, rotation: boolean): void {
    const key = tokenKey(token);
    if (this.fetching?.has(key) || this.stopped) return;
    (this.fetching ??= new Set()).add(key);
    const pod = this.deps.pod();
    const fetched = () => {
      this.fetching?.delete(key);
      if (this.fetching?.size === 0) this.fetching = undefined;
    };
    void this.deps.client.requestToken(pod.metadata.namespace ?? 'default', pod.spec?.serviceAccountName || 'default', tokenRequestFor(pod, token)).then(
      (answer) => {
        fetched();
        if (this.stopped) return;
        const reply = answer as TokenRequest;
        const value = reply.status?.token ?? '';
        clearTimeout(this.held?.get(key)?.refresh);
        (this.held ??= new Map()).set(key, { value });
        const jitter = Math.floor(Math.random() * maxRefreshJitterSeconds);
        this.schedule(token, tokenRefreshAt(this.deps.time.now(), reply.spec?.expirationSeconds ?? token.expirationSeconds, jitter));
        if (rotation) this.deps.rotated(token, value);
        else this.deps.changed();
      },
      (e: Error) => {
        fetched();
        if (this.stopped) return;
        if (rotation) return this.schedule(token, new Date(this.deps.time.now().getTime() + refreshRetrySeconds * 1000));
        (this.failures ??= new Map()).set(key, `failed to fetch token: ${e.message}`);
        this.deps.changed();
      },
    );
  }

  /** The refresh of a held token (a rotation that failed keeps the old one, and its next try is set here). */
  private schedule(token: ProjectedToken, at: Date): void {
    const held = this.held?.get(tokenKey(token));
    if (!held) return;
    clearTimeout(held.refresh);
    held.refresh = setTimeout(() => this.fetch(token, true), this.deps.time.msUntil(at));
  }
}
