import {readFileSync} from 'fs';
import {join} from 'path';
import {bazaarApi} from '../src/api/bazaar';
import type {ApiClient} from '../src/api/client';

/**
 * The typed client (src/api/bazaar.ts) against the OpenAPI document the backend serves at /v3/api-docs, saved as
 * openapi.json (refresh it with the command in README.md). Every route the app calls must exist with its method.
 */
const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

/** Chat (issue 11) is being built in parallel; its routes are checked once the document has them. */
function recordCalls() {
  const calls: Array<{method: string; path: string}> = [];
  const recorder = (method: string) => async (path: string) => {
    calls.push({method, path: path.split('?')[0]});
    return {status: 200, data: {}, headers: new Headers()};
  };
  const client = {
    get: recorder('get'),
    post: recorder('post'),
    put: recorder('put'),
    patch: recorder('patch'),
    delete: recorder('delete'),
  } as unknown as ApiClient;
  const api = bazaarApi(client);
  const dummy = ['ID', 'ID', 'ID'] as const;
  for (const fn of Object.values(api)) {
    void (fn as (...a: unknown[]) => Promise<unknown>)(...dummy);
  }
  return calls;
}

function matches(template: string, path: string) {
  const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
  return re.test(path);
}

describe('the API client against the OpenAPI document', () => {
  const calls = recordCalls();

  it('calls every route it knows', () => {
    expect(calls.length).toBeGreaterThan(25);
  });

  it.each(calls.map(c => [c.method.toUpperCase(), c.path]))('%s %s is in the document', (method, path) => {
    const entry = Object.entries(doc.paths).find(([template]) => matches(template, path));
    expect(entry?.[0] ?? `no path for ${path}`).not.toMatch(/^no path/);
    expect(Object.keys(entry![1])).toContain(method.toLowerCase());
  });
});
