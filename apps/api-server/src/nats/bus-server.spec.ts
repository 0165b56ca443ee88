import { ServerNats } from '@nestjs/microservices';
import { subjects } from '@kubelab/bus';
import { describe, expect, it } from 'vitest';
import { BusServer } from './bus-server.js';
import { JsonText, ReplySerializer } from './reply-serializer.js';

const serializer = new ReplySerializer();
const written = (packet: object) => new TextDecoder().decode(serializer.serialize(packet as never).data);

describe('the bus reply serializer', () => {
  it('writes a JSON-text body in as it is, in the envelope Nest writes', () => {
    const body = '{"kind":"Pod","metadata":{"name":"web","annotations":{"a":"$& $1 $$ \\"body\\""}}}';
    const text = written({ response: { code: 201, body: new JsonText(body) }, isDisposed: true, id: 'abc' });
    expect(text).toBe(`{"response":{"code":201,"body":${body}},"isDisposed":true,"id":"abc"}`);
    expect(JSON.parse(text).response.body.metadata.annotations.a).toBe('$& $1 $$ "body"');
  });

  it('writes every other reply as JSON, a body held as an object among them', () => {
    const packet = { response: { code: 404, body: { kind: 'Status', reason: 'NotFound' } }, isDisposed: true, id: 'x' };
    expect(written(packet)).toBe(JSON.stringify(packet));
    expect(written({ err: 'boom', isDisposed: true, id: 'y' })).toBe('{"err":"boom","isDisposed":true,"id":"y"}');
  });

  it('gives the value a JSON-text body holds to anything else that writes it', () => {
    expect(JSON.stringify({ body: new JsonText('{"items":[1,2]}') })).toBe('{"body":{"items":[1,2]}}');
  });
});

describe('the bus server', () => {
  it('finds the handler of each subject the api-server answers, as the NATS server of Nest does', () => {
    const options = { servers: ['nats://127.0.0.1:4222'] };
    for (const server of [new BusServer(options), new ServerNats(options)]) {
      const handlers = [subjects.apiRequests, subjects.apiPodHttp].map((subject) => {
        const handler = Object.assign(async () => subject, { isEventHandler: false });
        server.addHandler(subject, handler);
        return handler;
      });
      expect([subjects.apiRequests, subjects.apiPodHttp].map((subject) => server.getHandlerByPattern(subject))).toEqual(handlers);
      expect(server.getHandlerByPattern('kubelab.api.other')).toBeNull();
    }
  });
});
