export type {PickedPhoto, PhotoPicker} from './photoPickerTypes';
import type {PhotoPicker} from './photoPickerTypes';
export const MAX_PHOTOS = 5;

/** The browser build: a hidden <input type=file multiple>; the e2e test sets files on it. */
export const libraryPicker: PhotoPicker = limit =>
  new Promise(resolve => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp';
    input.multiple = true;
    input.setAttribute('data-testid', 'photo-input');
    input.style.display = 'none';
    input.onchange = () => {
      const files = Array.from(input.files ?? []).slice(0, limit);
      input.remove();
      resolve(files.map(f => ({uri: URL.createObjectURL(f), contentType: f.type, size: f.size, fileName: f.name})));
    };
    document.body.appendChild(input);
    input.click();
  });
