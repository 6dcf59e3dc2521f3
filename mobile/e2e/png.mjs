// Small real PNG photos for the sell flow (the upload checks type and length, and the photos show in screenshots):
// a 320x240 two-tone image, encoded with zlib and CRC-32 from node:zlib, no image library needed.
import {crc32, deflateSync} from 'node:zlib';

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function png(width, height, [r, g, b]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const shade = y < height / 2 ? 1 : 0.6;
    for (let x = 0; x < width; x++) {
      rows.set([r * shade, g * shade, b * shade].map(Math.round), y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A file for Playwright's FileChooser.setFiles. */
export const pngFile = (name, colour) => ({name, mimeType: 'image/png', buffer: png(320, 240, colour)});
