/**
 * serviceaccounts/NAME/token asked over NATS: how a kubelet-agent gets the token of a pod's
 * projected serviceAccountToken source. The TokenRequest is answered by the same
 * RequestAuth.tokenRequest as `POST …/serviceaccounts/NAME/token` over HTTPS: the same
 * validation, the same binding to a pod that must exist with the UID asked.
 */
import { storedTypeOf, type KubeObject } from '@kubelab/api';
import type { ApiBusReply, ApiBusRequest } from '@kubelab/bus';
import type { ApiService } from '../api.service.js';
import type { RequestAuth } from '../auth/request-auth.js';
import type { TokenRequestBody } from '../auth/token-request.js';

/** Who signs tokens: the api-server's RequestAuth. */
export type TokenIssuer = Pick<RequestAuth, 'tokenRequest'>;

/** The TokenRequest for the ServiceAccount `r.name` in `r.namespace`; a missing account or pod throws its 404 Status. */
export async function answerTokenBusRequest(api: ApiService, issuer: TokenIssuer, r: ApiBusRequest): Promise<ApiBusReply> {
  const account = api.get(storedTypeOf('ServiceAccount')!, r.namespace ?? '', r.name ?? '').object;
  const readPod = (namespace: string, name: string): KubeObject | undefined => api.tryGet(storedTypeOf('Pod')!, namespace, name)?.object;
  return { code: 201, body: await issuer.tokenRequest(account, (r.body ?? {}) as TokenRequestBody, readPod) };
}
