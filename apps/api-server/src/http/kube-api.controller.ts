/** Nest's HTTP entry: every path goes to KubeHttp, which speaks the Kubernetes REST API. */
import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialsOf } from '../auth/request-auth.js';
import { KUBE_HTTP } from '../tokens.js';
import { KubeHttp } from './kube-http.js';

@Controller()
export class KubeApiController {
  constructor(@Inject(KUBE_HTTP) private readonly http: KubeHttp) {}

  @All('*')
  async handle(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    await this.http.handle(
      { method: req.method, url: req.url, headers: req.headers, body: Buffer.isBuffer(req.body) ? req.body : undefined, credentials: credentialsOf(req.raw), remoteAddress: req.raw.socket.remoteAddress },
      reply.raw,
    );
  }
}
