/** The api-server's Nest module: HTTP controller and NATS controller over one ApiService. */
import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiService } from './api.service.js';
import { KubeApiController } from './http/kube-api.controller.js';
import type { KubeHttp } from './http/kube-http.js';
import { BusController } from './nats/bus.controller.js';
import { API_SERVICE, KUBE_HTTP, REQUEST_AUTH } from './tokens.js';
import type { RequestAuth } from './auth/request-auth.js';

@Module({})
export class AppModule {
  static register(api: ApiService, http: KubeHttp, auth: RequestAuth, withNats: boolean): DynamicModule {
    return {
      module: AppModule,
      controllers: withNats ? [KubeApiController, BusController] : [KubeApiController],
      providers: [
        { provide: API_SERVICE, useValue: api },
        { provide: KUBE_HTTP, useValue: http },
        { provide: REQUEST_AUTH, useValue: auth },
      ],
    };
  }
}
