/** The api-server's end of the `kubernetes` Service: requests containers send it, over NATS from their agent. */
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { subjects, type PodHttpReply, type PodHttpRequest } from '@kubelab/bus';
import { answerPodHttp } from '../http/pod-http.js';
import type { KubeHttp } from '../http/kube-http.js';
import { KUBE_HTTP } from '../tokens.js';

@Controller()
export class PodHttpController {
  constructor(@Inject(KUBE_HTTP) private readonly http: KubeHttp) {}

  @MessagePattern(subjects.apiPodHttp)
  handle(@Payload() request: PodHttpRequest): Promise<PodHttpReply> {
    return answerPodHttp(this.http, request);
  }
}
