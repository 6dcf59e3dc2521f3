import {http, HttpResponse} from 'msw';
import {setupServer} from 'msw/node';

/** The HTTP layer of every test: MSW intercepts fetch, handlers play the Bazaar API. */
export const API = 'http://bazaar.test';
export const server = setupServer();

export function installMsw() {
  beforeAll(() => server.listen({onUnhandledRequest: 'error'}));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({type: `/problems/${code}`, title: code, status, detail: code, errors: [], ...extra}), {
    status,
    headers: {'Content-Type': 'application/problem+json'},
  });

/** Picked photos in tests live at photos.test; the app reads their bytes with fetch like a file:// uri on device. */
export const photoFiles = http.get(
  'http://photos.test/:name',
  ({params}) =>
    new HttpResponse(Buffer.from(`photo-${String(params.name)}`), {headers: {'Content-Type': 'image/jpeg'}}),
);
