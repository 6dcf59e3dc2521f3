import {launchImageLibrary} from 'react-native-image-picker';

import type {PhotoPicker} from './photoPickerTypes';
export type {PickedPhoto, PhotoPicker} from './photoPickerTypes';

export const MAX_PHOTOS = 5;

/** The system photo library; up to `limit` photos, downscaled on device so uploads stay small. */
export const libraryPicker: PhotoPicker = async limit => {
  const result = await launchImageLibrary({
    mediaType: 'photo',
    selectionLimit: limit,
    maxWidth: 2048,
    maxHeight: 2048,
    quality: 0.8,
  });
  if (result.didCancel || !result.assets) {
    return [];
  }
  return result.assets
    .filter(a => a.uri)
    .map(a => ({
      uri: a.uri!,
      contentType: a.type ?? 'image/jpeg',
      size: a.fileSize ?? 0,
      fileName: a.fileName,
    }));
};
