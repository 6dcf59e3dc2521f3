import {Buffer} from 'buffer';
import {RSocketConnector, type Payload, type RSocket} from 'rsocket-core';
import {WebsocketClientTransport} from 'rsocket-websocket-client';
import {
  encodeBearerAuthMetadata,
  encodeCompositeMetadata,
  encodeRoute,
  WellKnownMimeType,
} from 'rsocket-composite-metadata';
import type {ChatTransport, ChatTransportFactory} from './transport';

const MAX_REQUEST_N = 2147483647;

function routed(route: string, data: unknown): Payload {
  return {
    data: Buffer.from(JSON.stringify(data)),
    metadata: encodeCompositeMetadata([[WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, encodeRoute(route)]]),
  };
}

function parse<T>(payload: Payload): T {
  return JSON.parse(payload.data ? payload.data.toString('utf8') : 'null') as T;
}

/** RSocket over WebSocket at /rsocket with the bearer token in the SETUP frame (docs/SECURITY.md). */
export function rsocketTransport(url: string): ChatTransportFactory {
  return async accessToken => {
    const connector = new RSocketConnector({
      setup: {
        keepAlive: 20_000,
        lifetime: 60_000,
        dataMimeType: 'application/json',
        metadataMimeType: WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.string,
        payload: {
          data: null,
          metadata: encodeCompositeMetadata([
            [WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, encodeBearerAuthMetadata(accessToken)],
          ]),
        },
      },
      transport: new WebsocketClientTransport({
        url,
        wsCreator: u => new WebSocket(u) as never,
      }),
    });
    const socket: RSocket = await connector.connect();
    return {
      stream<T>(route: string, data: unknown, h: {onNext(v: T): void; onError(e: Error): void; onComplete(): void}) {
        const requester = socket.requestStream(routed(route, data), MAX_REQUEST_N, {
          onNext: (payload: Payload, isComplete: boolean) => {
            h.onNext(parse<T>(payload));
            if (isComplete) {
              h.onComplete();
            }
          },
          onError: (e: Error) => h.onError(e),
          onComplete: () => h.onComplete(),
          onExtension: () => undefined,
        });
        return () => requester.cancel();
      },
      request<T>(route: string, data: unknown) {
        return new Promise<T>((resolve, reject) => {
          socket.requestResponse(routed(route, data), {
            onNext: (payload: Payload) => resolve(parse<T>(payload)),
            onError: (e: Error) => reject(e),
            onComplete: () => undefined,
            onExtension: () => undefined,
          });
        });
      },
      onClose(listener) {
        socket.onClose(error => listener(error ?? undefined));
      },
      close() {
        socket.close();
      },
    } satisfies ChatTransport;
  };
}
