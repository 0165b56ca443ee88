/** The api-server's NATS front door (request/reply through Nest's NATS transport). */
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { subjects, type ApiBusReply, type ApiBusRequest } from '@kubelab/bus';
import { ApiService } from '../api.service.js';
import { answerBusRequest } from './bus-requests.js';
import { API_SERVICE, REQUEST_AUTH } from '../tokens.js';
import type { TokenIssuer } from './token-requests.js';

@Controller()
export class BusController {
  constructor(@Inject(API_SERVICE) private readonly api: ApiService, @Inject(REQUEST_AUTH) private readonly tokens: TokenIssuer) {}

  @MessagePattern(subjects.apiRequest)
  handle(@Payload() request: ApiBusRequest): Promise<ApiBusReply> {
    return answerBusRequest(this.api, request, this.tokens);
  }
}
