export interface PickedPhoto {
  uri: string;
  contentType: string;
  size: number;
  fileName?: string;
}

export type PhotoPicker = (limit: number) => Promise<PickedPhoto[]>;
