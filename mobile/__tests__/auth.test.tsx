import {http, HttpResponse} from 'msw';
import {fireEvent, screen, waitFor} from '@testing-library/react-native';
import {API, problem, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';

installMsw();

const tokens = {accessToken: 'access-9', refreshToken: 'refresh-9', expiresIn: 900, tokenType: 'Bearer'};

function api() {
  const calls: string[] = [];
  server.use(
    http.get(`${API}/api/v1/me`, ({request}) =>
      request.headers.get('Authorization') === 'Bearer access-9'
        ? HttpResponse.json(me)
        : problem(401, 'unauthenticated'),
    ),
    http.get(`${API}/api/v1/cart`, () => HttpResponse.json({version: 0, lines: [], totals: []})),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/orders`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: []})),
    http.post(`${API}/api/v1/auth/signup`, async ({request}) => {
      const body = (await request.json()) as {email: string};
      calls.push(`signup ${body.email}`);
      if (body.email === 'taken@example.com') {
        return problem(409, 'email-taken');
      }
      if (!body.email.includes('@')) {
        return problem(400, 'validation', {errors: [{field: 'email', message: 'must be a well-formed email address'}]});
      }
      return HttpResponse.json(tokens, {status: 201});
    }),
    http.post(`${API}/api/v1/auth/refresh`, () => problem(401, 'invalid-refresh-token')),
    http.post(`${API}/api/v1/auth/logout`, async ({request}) => {
      calls.push(`logout ${((await request.json()) as {refreshToken: string}).refreshToken}`);
      return new HttpResponse(null, {status: 204});
    }),
  );
  return calls;
}

async function signUp(email: string) {
  await fireEvent.press(screen.getByText('New here? Create an account'));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'Bea Buyer');
  await fireEvent.changeText(screen.getByLabelText('Email'), email);
  await fireEvent.changeText(screen.getByLabelText('Password'), 'correct horse battery');
  await fireEvent.press(screen.getByTestId('submit-auth'));
}

describe('Auth', () => {
  it('signs up, keeps the tokens in secure storage, and signs out revoking the refresh token', async () => {
    const calls = api();
    const {store} = await renderApp({}, null);
    await fireEvent.press(await screen.findByTestId('tab-account'));

    await signUp('bea@example.com');

    expect(await screen.findByText('Signed in as Bea Buyer')).toBeOnTheScreen();
    expect(await store.load()).toEqual(tokens);
    await fireEvent.press(screen.getByText('Sign out'));
    await waitFor(() => expect(calls).toContain('logout refresh-9'));
    expect(await store.load()).toBeNull();
    expect(await screen.findByText('New here? Create an account')).toBeOnTheScreen();
  });

  it('shows the API problems: a taken email in the banner, a bad field at its field', async () => {
    api();
    await renderApp({}, null);
    await fireEvent.press(await screen.findByTestId('tab-account'));

    await signUp('taken@example.com');
    expect(await screen.findByText('An account with this email exists. Log in instead.')).toBeOnTheScreen();

    await fireEvent.changeText(screen.getByLabelText('Email'), 'not-an-email');
    await fireEvent.press(screen.getByTestId('submit-auth'));
    expect(await screen.findByText('must be a well-formed email address')).toBeOnTheScreen();
  });

  it('shows sign-in when the saved session cannot be refreshed', async () => {
    api();
    const {store} = await renderApp(
      {},
      {accessToken: 'expired', refreshToken: 'spent', expiresIn: 900, tokenType: 'Bearer'},
    );
    await fireEvent.press(await screen.findByTestId('tab-account'));
    expect(await screen.findByText('New here? Create an account')).toBeOnTheScreen();
    expect(await store.load()).toBeNull();
  });
});
