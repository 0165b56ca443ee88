/**
 * The TLS contexts the host's listeners present, from kubernetes.io/tls Secrets (an Ingress's tls section, a Gateway
 * listener's certificateRefs): made once per Secret and resourceVersion, none for a Secret without a usable pair.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Secret } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';

export class SecretContexts {
  private readonly contexts = new Map<string, { version: string; context: SecureContext }>();

  constructor(private readonly secrets: Informer<Secret>) {}

  /** The Secret's certificate and key, as PEM bytes; undefined when it lacks either. */
  keyPair(namespace: string, name: string): { cert: Buffer; key: Buffer } | undefined {
    const data = this.secrets.get(namespace, name)?.data;
    return data?.['tls.crt'] && data['tls.key'] ? { cert: Buffer.from(data['tls.crt'], 'base64'), key: Buffer.from(data['tls.key'], 'base64') } : undefined;
  }

  /** The context serving the Secret's pair; undefined without one, or when TLS refuses it. */
  contextOf(namespace: string, name: string): SecureContext | undefined {
    const pair = this.keyPair(namespace, name);
    if (!pair) return undefined;
    const id = `${namespace}/${name}`;
    const version = this.secrets.get(namespace, name)?.metadata.resourceVersion ?? '';
    const cached = this.contexts.get(id);
    if (cached?.version === version) return cached.context;
    try {
      const context = createSecureContext(pair);
      this.contexts.set(id, { version, context });
      return context;
    } catch {
      return undefined;
    }
  }
}
