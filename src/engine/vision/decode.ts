import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { AttuneError } from '../../shared/envelope';
import { validateImage, type RgbaImage } from './image';

/**
 * Decodes a JPEG or PNG file's bytes (for the CLI and tests; the live app gets raw RGBA frames).
 * The format is recognised by its signature, not a file name. EXIF orientation is not applied.
 * Anything malformed, truncated or larger than the pipeline accepts is AttuneError('bad-input').
 */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  let image: RgbaImage;
  try {
    if (isPng(bytes)) {
      const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      image = { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    } else if (isJpeg(bytes)) {
      // Strict decoding: jpeg-js otherwise returns a half-grey picture for a truncated file.
      const jpg = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: false,
        maxMemoryUsageInMB: 512,
        // 4096 × 4096 ≈ 16.8 MP: refuse bigger frames before spending memory on them.
        maxResolutionInMP: 17,
      });
      image = { width: jpg.width, height: jpg.height, data: jpg.data };
    } else {
      throw new AttuneError('bad-input', 'not a JPEG or PNG image');
    }
  } catch (err) {
    if (err instanceof AttuneError) throw err;
    throw new AttuneError('bad-input', `image could not be decoded: ${String(err)}`, { cause: err });
  }
  validateImage(image);
  return image;
}

function isPng(b: Uint8Array): boolean {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}
