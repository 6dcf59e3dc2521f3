/** The realtime wire as the app needs it; rsocketTransport.ts speaks it over RSocket, tests use a fake. */
export interface StreamHandlers<T> {
  onNext(value: T): void;
  onError(error: Error): void;
  onComplete(): void;
}

export interface ChatTransport {
  /** A request-stream on `route`; the returned function cancels it. */
  stream<T>(route: string, data: unknown, handlers: StreamHandlers<T>): () => void;
  /** A request-response on `route`. */
  request<T>(route: string, data: unknown): Promise<T>;
  /** Called once when the connection ends, with the reason if it failed. */
  onClose(listener: (error?: Error) => void): void;
  close(): void;
}

/** Opens a connection authenticated with the access token (RSocket SETUP bearer metadata). */
export type ChatTransportFactory = (accessToken: string) => Promise<ChatTransport>;
