import {http, HttpResponse} from 'msw';
import {fireEvent, screen, waitFor, within} from '@testing-library/react-native';
import type {UploadRequest} from '../src/sell/upload';
import {UploadError} from '../src/sell/upload';
import {API, photoFiles, problem, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';

installMsw();

const jpeg = (n: number) => ({uri: `http://photos.test/${n}`, contentType: 'image/jpeg', size: 7});

/** A storage stand-in for the presigned PUTs: the test drives progress and outcome of each upload. */
function storage() {
  const puts: Array<UploadRequest & {finish: (error?: Error) => void}> = [];
  const uploader = (req: UploadRequest) =>
    new Promise<void>((resolve, reject) => {
      puts.push({...req, finish: e => (e ? reject(e) : resolve())});
    });
  return {puts, uploader};
}

function api() {
  const created: Array<{contentType: string; size: number}> = [];
  const completed: string[] = [];
  let listingBody: any = null;
  let published = false;
  server.use(
    photoFiles,
    http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
    http.get(`${API}/api/v1/cart`, () => HttpResponse.json({version: 0, lines: [], totals: []})),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: []})),
    http.post(`${API}/api/v1/media/uploads`, async ({request}) => {
      const body = (await request.json()) as {contentType: string; size: number};
      created.push(body);
      const id = `media-${created.length}`;
      return HttpResponse.json(
        {id, uploadUrl: `http://storage.test/${id}?X-Amz-Signature=x`, expiresAt: '2026-12-01T00:00:00Z'},
        {status: 201},
      );
    }),
    http.post(`${API}/api/v1/media/:id/complete`, ({params}) => {
      completed.push(String(params.id));
      return HttpResponse.json({id: params.id, status: 'READY', contentType: 'image/jpeg', size: 7});
    }),
    http.post(`${API}/api/v1/listings`, async ({request}) => {
      listingBody = await request.json();
      if (listingBody.title.includes('@')) {
        return problem(400, 'validation', {errors: [{field: 'title', message: 'must not contain an e-mail address'}]});
      }
      return HttpResponse.json({id: 'new-listing'}, {status: 201});
    }),
    http.post(`${API}/api/v1/listings/new-listing/publish`, () => {
      published = true;
      return new HttpResponse(null, {status: 204});
    }),
  );
  return {created, completed, listing: () => listingBody, published: () => published};
}

async function openSell(uploader: ReturnType<typeof storage>['uploader']) {
  await renderApp({uploader, pickPhotos: async limit => [jpeg(1), jpeg(2)].slice(0, limit)});
  await fireEvent.press(await screen.findByTestId('tab-sell'));
  await screen.findByText('Add photos');
}

async function fillForm(title: string) {
  await fireEvent.changeText(screen.getByLabelText('Title'), title);
  await fireEvent.changeText(screen.getByLabelText('Price (EUR)'), '12.50');
  await fireEvent.press(screen.getByText('Shoes'));
  await fireEvent.press(screen.getByText('Like new'));
}

describe('Sell', () => {
  it('uploads each photo with its own progress bar, retries a failed one, and publishes', async () => {
    const backend = api();
    const store = storage();
    await openSell(store.uploader);

    await fireEvent.press(screen.getByText('Add photos'));
    await waitFor(() => expect(store.puts).toHaveLength(2));
    expect(backend.created).toEqual([
      {contentType: 'image/jpeg', size: 7},
      {contentType: 'image/jpeg', size: 7},
    ]);
    expect(store.puts[0].url).toBe('http://storage.test/media-1?X-Amz-Signature=x');
    expect(store.puts[0].contentType).toBe('image/jpeg');

    store.puts[0].onProgress(0.4);
    store.puts[1].onProgress(0.9);
    await waitFor(() => {
      expect(screen.getByTestId('photo-progress-0').props.accessibilityValue.now).toBe(40);
      expect(screen.getByTestId('photo-progress-1').props.accessibilityValue.now).toBe(90);
    });

    store.puts[0].finish();
    store.puts[1].finish(new UploadError(403));
    const failed = await screen.findByTestId('photo-1');
    await within(failed).findByText('Storage refused the upload (403)');
    expect(backend.completed).toEqual(['media-1']);

    await fireEvent.press(within(failed).getByText('Retry'));
    await waitFor(() => expect(store.puts).toHaveLength(3));
    expect(store.puts[2].url).toBe('http://storage.test/media-3?X-Amz-Signature=x');
    store.puts[2].finish();
    await waitFor(() => expect(backend.completed).toEqual(['media-1', 'media-3']));

    await fillForm('Red boots');
    await fireEvent.press(screen.getByTestId('publish'));

    expect(await screen.findByText('Published! It will be in the feed in a few seconds.')).toBeOnTheScreen();
    expect(backend.listing()).toMatchObject({
      title: 'Red boots',
      price: {amount: 1250, currency: 'EUR'},
      category: 'shoes',
      condition: 'like_new',
      photoIds: ['media-1', 'media-3'],
    });
    expect(backend.published()).toBe(true);
  });

  it('shows the API field errors at their fields', async () => {
    api();
    const store = storage();
    await openSell(store.uploader);
    await fireEvent.press(screen.getByText('Add photos'));
    await waitFor(() => expect(store.puts).toHaveLength(2));
    store.puts.forEach(p => p.finish());
    await waitFor(() => expect(screen.getByTestId('publish')).toBeEnabled());

    await fillForm('mail me at a@b.c');
    await fireEvent.press(screen.getByTestId('publish'));

    expect(await screen.findByText('must not contain an e-mail address')).toBeOnTheScreen();
  });

  it('checks the fields before sending anything', async () => {
    const backend = api();
    await openSell(storage().uploader);

    await fireEvent.press(screen.getByTestId('publish'));

    expect(await screen.findByText('must be 1 to 120 characters')).toBeOnTheScreen();
    expect(screen.getByText('enter a price such as 12.50')).toBeOnTheScreen();
    expect(screen.getByText('choose a category')).toBeOnTheScreen();
    expect(screen.getByText('add 1 to 5 photos')).toBeOnTheScreen();
    expect(backend.listing()).toBeNull();
  });
});
