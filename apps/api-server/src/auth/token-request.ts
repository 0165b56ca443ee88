/**
 * serviceaccounts/NAME/token, the TokenRequest API (`kubectl create token SA`): a token for
 * the ServiceAccount, for the audiences asked (the api-server's by default), valid for
 * expirationSeconds (an hour by default, ten minutes at least), optionally bound to a pod
 * so that it dies with it. Nothing is stored: the reply carries the signed token.
 */
import { conflict, invalid, notFound, storedTypeOf, type FieldError, type KubeObject } from '@kubelab/api';
import type { ServiceAccountTokens } from './service-account-tokens.js';

const minSeconds = 600;
const maxSeconds = 2 ** 32;
/**
 * kube-apiserver's --service-account-extend-token-expiration (on by default): a pod-bound token asked for
 * 3607 s (what ServiceAccount admission writes into every kube-api-access volume) for the api-server's own
 * audience lives a year, so workloads that do not reread their token keep working; its `warnafter` claim
 * says when it would have expired, and the reply still says 3607 s, so the kubelet rotates it as usual.
 */
const warnOnlyBoundTokenExpirationSeconds = 3607;
const expirationExtensionSeconds = 365 * 24 * 60 * 60;

/** A TokenRequest body as a client sent it: fieldErrors checks that each field is what it claims before anything reads it. */
export interface TokenRequestBody {
  spec?: { expirationSeconds?: number; audiences?: string[]; boundObjectRef?: { kind?: string; name?: string; uid?: string } };
}

function fieldErrors(spec: NonNullable<TokenRequestBody['spec']>): FieldError[] {
  const errors: FieldError[] = [];
  const seconds = spec.expirationSeconds;
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < minSeconds)) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${JSON.stringify(seconds)}: may not specify a duration less than 10 minutes` });
  } else if (seconds !== undefined && seconds > maxSeconds) {
    errors.push({ type: 'FieldValueTooLong', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds` });
  }
  if (spec.audiences !== undefined && !(Array.isArray(spec.audiences) && spec.audiences.every((a: unknown) => typeof a === 'string'))) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.audiences', message: 'Invalid value: must be a list of strings' });
  }
  const bound = spec.boundObjectRef;
  if (bound && bound.kind !== 'Pod') {
    errors.push({ type: 'FieldValueNotSupported', field: 'spec.boundObjectRef.kind', message: `Unsupported value: ${JSON.stringify(bound.kind ?? '')}: supported values: "Pod"` });
  }
  return errors;
}

/** The TokenRequest answered for `account` (the ServiceAccount object), or the refusal as a Status error. */
export async function answerTokenRequest(
  tokens: ServiceAccountTokens, account: KubeObject, body: TokenRequestBody, readPod: (namespace: string, name: string) => KubeObject | undefined, now: Date,
): Promise<KubeObject> {
  const spec = body.spec ?? {};
  const namespace = account.metadata.namespace!;
  const name = account.metadata.name!;
  const errors = fieldErrors(spec);
  if (errors.length > 0) throw invalid('TokenRequest', 'authentication.k8s.io', name, errors);
  let pod: { name: string; uid: string } | undefined;
  if (spec.boundObjectRef) {
    const found = readPod(namespace, spec.boundObjectRef.name ?? '');
    if (!found) throw notFound(storedTypeOf('Pod')!, spec.boundObjectRef.name ?? '');
    if (spec.boundObjectRef.uid && spec.boundObjectRef.uid !== found.metadata.uid) {
      throw conflict(storedTypeOf('Pod')!, found.metadata.name!, `the UID in the bound object reference (${spec.boundObjectRef.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    pod = { name: found.metadata.name!, uid: found.metadata.uid! };
  }
  const audiences: string[] = spec.audiences?.length ? spec.audiences : [tokens.issuer];
  const expirationSeconds: number = spec.expirationSeconds ?? 3600;
  const extended = pod !== undefined && expirationSeconds === warnOnlyBoundTokenExpirationSeconds && audiences.every((a) => a === tokens.issuer);
  const subject = { namespace, serviceAccount: { name, uid: account.metadata.uid! }, ...(pod ? { pod } : {}) };
  const { token } = extended
    ? await tokens.issue(subject, audiences, expirationExtensionSeconds, now, expirationSeconds)
    : await tokens.issue(subject, audiences, expirationSeconds, now);
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + expirationSeconds) * 1000);
  const boundObjectRef = pod ? { kind: 'Pod', apiVersion: 'v1', name: pod.name, uid: pod.uid } : null;
  return {
    kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef },
    status: { token, expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z') },
  } as unknown as KubeObject;
}
