import {UploadError, xhrUploader} from '../src/sell/upload';

/** The XMLHttpRequest surface xhrUploader uses, playing a storage server that the test scripts. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  upload: {onprogress: ((e: {lengthComputable: boolean; loaded: number; total: number}) => void) | null} = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: unknown) {
    this.body = body;
  }
}

describe('xhrUploader', () => {
  const original = globalThis.XMLHttpRequest;
  beforeAll(() => {
    (globalThis as any).XMLHttpRequest = FakeXhr;
  });
  afterAll(() => {
    (globalThis as any).XMLHttpRequest = original;
  });

  it('PUTs the bytes with the declared content type and reports progress', async () => {
    const progress: number[] = [];
    const done = xhrUploader({
      url: 'http://s3.test/media/1?sig',
      contentType: 'image/png',
      body: 'bytes',
      onProgress: p => progress.push(p),
    });
    const xhr = FakeXhr.last;
    expect([xhr.method, xhr.url, xhr.headers['Content-Type'], xhr.body]).toEqual([
      'PUT',
      'http://s3.test/media/1?sig',
      'image/png',
      'bytes',
    ]);
    xhr.upload.onprogress!({lengthComputable: true, loaded: 25, total: 100});
    xhr.upload.onprogress!({lengthComputable: true, loaded: 75, total: 100});
    xhr.status = 200;
    xhr.onload!();
    await done;
    expect(progress).toEqual([0.25, 0.75, 1]);
  });

  it('fails with the storage status when the presigned URL is refused', async () => {
    const done = xhrUploader({
      url: 'http://s3.test/x',
      contentType: 'image/jpeg',
      body: 'b',
      onProgress: () => undefined,
    });
    FakeXhr.last.status = 403;
    FakeXhr.last.onload!();
    await expect(done).rejects.toEqual(new UploadError(403));
  });

  it('fails when the connection breaks', async () => {
    const done = xhrUploader({
      url: 'http://s3.test/x',
      contentType: 'image/jpeg',
      body: 'b',
      onProgress: () => undefined,
    });
    FakeXhr.last.onerror!();
    await expect(done).rejects.toMatchObject({status: 0});
  });
});
