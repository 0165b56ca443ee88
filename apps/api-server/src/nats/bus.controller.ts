/** The api-server's NATS front door (request/reply through Nest's NATS transport): each sender on its own subject. */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { subjects, type ApiBusReply, type ApiBusRequest } from '@kubelab/bus';
import { ApiService } from '../api.service.js';
import { answerBusRequest } from './bus-requests.js';
import { API_SERVICE, REQUEST_AUTH } from '../tokens.js';
import type { RequestAuth } from '../auth/request-auth.js';

@Controller()
export class BusController {
  constructor(@Inject(API_SERVICE) private readonly api: ApiService, @Inject(REQUEST_AUTH) private readonly auth: RequestAuth) {}

  @MessagePattern(subjects.apiRequests)
  handle(@Payload() request: ApiBusRequest, @Ctx() context: NatsContext): Promise<ApiBusReply> {
    return answerBusRequest(this.api, this.auth, context.getSubject(), request);
  }
}
