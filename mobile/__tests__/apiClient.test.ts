import {http, HttpResponse} from 'msw';
import {ApiClient} from '../src/api/client';
import {ApiError} from '../src/api/problem';
import {memoryTokenStore} from '../src/auth/tokenStore';
import type {Tokens} from '../src/api/types';
import {API, problem, server, installMsw} from './support/server';

installMsw();

const tokens = (n: number): Tokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  tokenType: 'Bearer',
});

describe('ApiClient', () => {
  it('refreshes once for many concurrent 401s and repeats each request with the new token', async () => {
    const refreshes: string[] = [];
    server.use(
      http.get(`${API}/api/v1/me`, ({request}) =>
        request.headers.get('Authorization') === 'Bearer access-2'
          ? HttpResponse.json({id: 'u1', email: 'a@b.c', displayName: 'A', roles: [], memberSince: '2026-01-01'})
          : problem(401, 'unauthenticated'),
      ),
      http.post(`${API}/api/v1/auth/refresh`, async ({request}) => {
        const body = (await request.json()) as {refreshToken: string};
        refreshes.push(body.refreshToken);
        // Rotation: the first use of refresh-1 answers new tokens, a second use would revoke the family.
        if (body.refreshToken !== 'refresh-1' || refreshes.length > 1) {
          return problem(401, 'invalid-refresh-token');
        }
        await new Promise(r => setTimeout(r, 20));
        return HttpResponse.json(tokens(2));
      }),
    );
    const store = memoryTokenStore(tokens(1));
    const lost = jest.fn();
    const client = new ApiClient({baseUrl: API, tokens: store, onSessionLost: lost});

    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => client.get<{id: string}>('/api/v1/me')));

    expect(answers.map(a => a.data.id)).toEqual(['u1', 'u1', 'u1', 'u1', 'u1']);
    expect(refreshes).toEqual(['refresh-1']);
    expect(await store.load()).toEqual(tokens(2));
    expect(lost).not.toHaveBeenCalled();
  });

  it('ends the session when the refresh token is refused', async () => {
    server.use(
      http.get(`${API}/api/v1/cart`, () => problem(401, 'unauthenticated')),
      http.post(`${API}/api/v1/auth/refresh`, () => problem(401, 'invalid-refresh-token')),
    );
    const store = memoryTokenStore(tokens(1));
    const lost = jest.fn();
    const client = new ApiClient({baseUrl: API, tokens: store, onSessionLost: lost});

    await expect(client.get('/api/v1/cart')).rejects.toMatchObject({status: 401});
    expect(lost).toHaveBeenCalledTimes(1);
    expect(await store.load()).toBeNull();
  });

  it('turns problem+json into an ApiError with its code and field errors', async () => {
    server.use(
      http.post(`${API}/api/v1/listings`, () =>
        problem(400, 'validation', {
          errors: [
            {field: 'price.currency', message: 'must be an upper-case ISO-4217 currency code'},
            {field: 'title', message: 'must be 1 to 120 characters'},
          ],
        }),
      ),
    );
    const client = new ApiClient({baseUrl: API, tokens: memoryTokenStore(tokens(1))});

    const error = await client.post('/api/v1/listings', {}).catch(e => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({
      'price.currency': 'must be an upper-case ISO-4217 currency code',
      title: 'must be 1 to 120 characters',
    });
  });

  it('sends no token to the open endpoints', async () => {
    let auth: string | null = 'unset';
    server.use(
      http.get(`${API}/api/v1/feed`, ({request}) => {
        auth = request.headers.get('Authorization');
        return HttpResponse.json({items: []});
      }),
    );
    const client = new ApiClient({baseUrl: API, tokens: memoryTokenStore(tokens(1))});
    await client.get('/api/v1/feed', {auth: false});
    expect(auth).toBeNull();
  });
});

describe('read-your-writes', () => {
  it("sends the last write's Bazaar-Consistency token with the next reads of the API", async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${API}/api/v1/cart`, ({request}) => {
        seen.push(request.headers.get('Bazaar-Consistency'));
        return HttpResponse.json({lines: []});
      }),
      http.post(`${API}/api/v1/cart/items`, () =>
        HttpResponse.json({version: 1}, {headers: {'Bazaar-Consistency': 'token-of-the-add'}}),
      ),
      http.delete(`${API}/api/v1/cart/items/l1`, () => HttpResponse.json({version: 2})),
    );
    const client = new ApiClient({baseUrl: API, tokens: memoryTokenStore(tokens(1))});

    await client.get('/api/v1/cart');
    await client.post('/api/v1/cart/items', {listingId: 'l1', quantity: 1});
    await client.get('/api/v1/cart');
    // A write that stored nothing answers without a token: the last one still holds.
    await client.delete('/api/v1/cart/items/l1');
    await client.get('/api/v1/cart');

    expect(seen).toEqual([null, 'token-of-the-add', 'token-of-the-add']);
  });
});
