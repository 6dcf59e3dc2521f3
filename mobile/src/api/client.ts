import {ApiError, NetworkError, type Problem} from './problem';
import type {TokenStore} from '../auth/tokenStore';
import type {Tokens} from './types';
import {newId} from '../util/ids';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** false for the open endpoints (feed, listing, sign-in). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export interface ApiClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  /** Called when the session is gone for good (refresh token rejected): the app shows sign-in. */
  onSessionLost?: () => void;
  /** Called after every successful refresh so the auth context can hand the new token to RSocket. */
  onTokens?: (tokens: Tokens) => void;
  fetchImpl?: typeof fetch;
}

/**
 * The one HTTP client of the app. It adds the bearer token, turns problem+json into ApiError, and on a 401
 * refreshes the session once and repeats the request. Refresh tokens rotate on every use and a spent token
 * revokes the whole family (docs/SECURITY.md), so concurrent 401s must share ONE refresh: the first starts it,
 * the others await the same promise.
 */
/** Names the events a write stored; sent back on reads so they wait for them (docs/OPERATIONS.md, "Read-your-writes"). */
export const CONSISTENCY_HEADER = 'Bazaar-Consistency';

export class ApiClient {
  private refreshing: Promise<Tokens | null> | null = null;
  /** The token of this app's last successful write: the next screens read at least that far. */
  private lastWrite: string | null = null;

  constructor(private readonly options: ApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/$/, '');
  }

  get<T>(path: string, opts: RequestOptions = {}) {
    return this.request<T>('GET', path, opts);
  }

  post<T>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('POST', path, {...opts, body});
  }

  put<T>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PUT', path, {...opts, body});
  }

  patch<T>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PATCH', path, {...opts, body});
  }

  delete<T>(path: string, opts: RequestOptions = {}) {
    return this.request<T>('DELETE', path, opts);
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const auth = opts.auth ?? true;
    let tokens = auth ? await this.currentTokens() : null;
    let response = await this.send(method, path, opts, tokens);
    if (response.status === 401 && auth && tokens) {
      tokens = await this.refresh(tokens);
      if (!tokens) {
        throw await toApiError(response);
      }
      response = await this.send(method, path, opts, tokens);
    }
    if (!response.ok) {
      throw await toApiError(response);
    }
    const consistency = response.headers.get(CONSISTENCY_HEADER);
    if (method !== 'GET' && consistency) {
      this.lastWrite = consistency;
    }
    const text = await response.text();
    const data = (text ? JSON.parse(text) : undefined) as T;
    return {status: response.status, data, headers: response.headers};
  }

  /** Exchanges the refresh token; concurrent callers share one exchange. Null when the session is over. */
  refresh(stale: Tokens): Promise<Tokens | null> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh(stale).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(stale: Tokens): Promise<Tokens | null> {
    // Another request may have refreshed while this one was in flight: use its result, do not spend a token twice.
    const stored = await this.options.tokens.load();
    if (stored && stored.accessToken !== stale.accessToken) {
      return stored;
    }
    const refreshToken = stored?.refreshToken ?? stale.refreshToken;
    // Offline, this throws a NetworkError: the session is kept and the request is retried later.
    const response = await this.send('POST', '/api/v1/auth/refresh', {body: {refreshToken}}, null);
    if (!response.ok) {
      await this.options.tokens.clear();
      this.options.onSessionLost?.();
      return null;
    }
    const fresh = (await response.json()) as Tokens;
    await this.options.tokens.save(fresh);
    this.options.onTokens?.(fresh);
    return fresh;
  }

  private currentTokens() {
    return this.refreshing ? this.refreshing : this.options.tokens.load();
  }

  private async send(method: string, path: string, opts: RequestOptions, tokens: Tokens | null) {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Request-Id': newId(),
      ...opts.headers,
    };
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (tokens) {
      headers.Authorization = `Bearer ${tokens.accessToken}`;
    }
    const absolute = /^https?:/.test(path);
    // Own API only: a presigned storage URL must get nothing it did not sign.
    if (method === 'GET' && !absolute && this.lastWrite) {
      headers[CONSISTENCY_HEADER] = this.lastWrite;
    }
    const url = absolute ? path : this.baseUrl + path;
    const doFetch = this.options.fetchImpl ?? globalThis.fetch;
    try {
      return await doFetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') {
        throw e;
      }
      throw new NetworkError(e);
    }
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem = {status: response.status};
  try {
    const text = await response.text();
    if (text) {
      problem = {status: response.status, ...(JSON.parse(text) as Problem)};
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep the status only.
  }
  return new ApiError(response.status, problem);
}
