import {useCallback, useRef, useState} from 'react';
import {useServices} from '../services';
import {describeError} from '../ui/errors';
import type {PickedPhoto} from './photoPickerTypes';
import {readPhoto} from './upload';

export interface PhotoUpload {
  key: string;
  photo: PickedPhoto;
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  mediaId?: string;
  error?: string;
}

/**
 * Each picked photo goes: POST /media/uploads (declares type and size) → PUT the bytes to the presigned URL with
 * progress → POST /media/{id}/complete (the server checks what storage holds). A failure keeps the photo with a
 * retry, which starts over with a fresh upload URL (the old one may have expired).
 */
export function usePhotoUploads(readBytes: (uri: string) => Promise<Blob> = readPhoto) {
  const {api, uploader} = useServices();
  const [uploads, setUploads] = useState<PhotoUpload[]>([]);
  const counter = useRef(0);

  const patch = useCallback((key: string, p: Partial<PhotoUpload>) => {
    setUploads(list => list.map(u => (u.key === key ? {...u, ...p} : u)));
  }, []);

  const run = useCallback(
    async (key: string, photo: PickedPhoto) => {
      patch(key, {status: 'uploading', progress: 0, error: undefined});
      try {
        // The declared size must be the exact byte count storage will receive (the presigned URL checks it).
        const body = await readBytes(photo.uri);
        const upload = await api.createUpload(photo.contentType, body.size);
        await uploader({
          url: upload.uploadUrl,
          contentType: photo.contentType,
          body,
          onProgress: progress => patch(key, {progress}),
        });
        await api.completeUpload(upload.id);
        patch(key, {status: 'ready', progress: 1, mediaId: upload.id});
      } catch (e) {
        patch(key, {status: 'failed', error: describeError(e)});
      }
    },
    [api, uploader, patch, readBytes],
  );

  const add = useCallback(
    (photos: PickedPhoto[]) => {
      const fresh = photos.map(photo => ({
        key: `p${counter.current++}`,
        photo,
        progress: 0,
        status: 'uploading' as const,
      }));
      setUploads(list => [...list, ...fresh]);
      fresh.forEach(u => void run(u.key, u.photo));
    },
    [run],
  );

  const retry = useCallback(
    (key: string) => {
      const u = uploads.find(x => x.key === key);
      if (u) {
        void run(key, u.photo);
      }
    },
    [uploads, run],
  );

  const remove = useCallback((key: string) => setUploads(list => list.filter(u => u.key !== key)), []);
  const reset = useCallback(() => setUploads([]), []);

  return {uploads, add, retry, remove, reset};
}
