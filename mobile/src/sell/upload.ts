/**
 * PUT of the photo bytes to the presigned storage URL. fetch() has no upload progress, XMLHttpRequest does
 * (React Native and browsers both implement `upload.onprogress`).
 */
export interface UploadRequest {
  url: string;
  contentType: string;
  /** The bytes: a Blob on device and web (from the picked file's uri). */
  body: Blob | ArrayBuffer | string;
  onProgress: (fraction: number) => void;
}

export type Uploader = (req: UploadRequest) => Promise<void>;

export class UploadError extends Error {
  constructor(readonly status: number) {
    super(status === 0 ? 'Upload interrupted' : `Storage refused the upload (${status})`);
  }
}

export const xhrUploader: Uploader = req =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', req.url);
    // Must be exactly the declared type: the presigned URL signs it (docs/MEDIA.md).
    xhr.setRequestHeader('Content-Type', req.contentType);
    xhr.upload.onprogress = e => {
      if (e.lengthComputable && e.total > 0) {
        req.onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        req.onProgress(1);
        resolve();
      } else {
        reject(new UploadError(xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError(0));
    xhr.onabort = () => reject(new UploadError(0));
    xhr.send(req.body as XMLHttpRequestBodyInit);
  });

/** Reads a picked photo's bytes (a file://, content:// or blob: uri) into a Blob. */
export async function readPhoto(uri: string): Promise<Blob> {
  const response = await fetch(uri);
  return response.blob();
}
