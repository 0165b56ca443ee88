/** The api-server's Nest module: HTTP controller and NATS controllers over one ApiService. */
import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiService } from './api.service.js';
import type { RequestAuth } from './auth/request-auth.js';
import { KubeApiController } from './http/kube-api.controller.js';
import type { KubeHttp } from './http/kube-http.js';
import { BusController } from './nats/bus.controller.js';
import { PodHttpController } from './nats/pod-http.controller.js';
import { API_SERVICE, KUBE_HTTP, REQUEST_AUTH } from './tokens.js';

/** What the NATS side serves: nothing without NATS; requests from pods only where the api-server authenticates (HTTPS). */
export interface NatsServing {
  withNats: boolean;
  podHttp: boolean;
}

@Module({})
export class AppModule {
  static register(api: ApiService, http: KubeHttp, auth: RequestAuth, serving: NatsServing): DynamicModule {
    const nats = serving.withNats ? [BusController, ...(serving.podHttp ? [PodHttpController] : [])] : [];
    return {
      module: AppModule,
      controllers: [KubeApiController, ...nats],
      providers: [
        { provide: API_SERVICE, useValue: api },
        { provide: KUBE_HTTP, useValue: http },
        { provide: REQUEST_AUTH, useValue: auth },
      ],
    };
  }
}
