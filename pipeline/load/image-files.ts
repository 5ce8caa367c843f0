/**
 * Images a section shows: only files inside the ordinance's folder (after
 * following symlinks), and only PNG or JPEG files whose header decodes to a
 * size within the limits. Anything else is reported at the image and never
 * reaches the renderer.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { imagePath } from '../model/image-path.js';
import { report } from '../report/diagnostics.js';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../model/limits.js';
import type { Ordinance } from '../model/types.js';
import { visitOrdinance } from '../model/visit.js';
import { textFiles } from '../model/quoted-law.js';

/** What an image file's header says. */
export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** Why the image at `file` may not be shown in the ordinance in `folder`, or null when it may. */
export function imageProblem(file: string, folder: string): string | null {
  let real: string;
  let root: string;
  try {
    real = realpathSync(file);
    root = realpathSync(folder);
  } catch {
    return 'it does not exist';
  }
  const inside = path.relative(root, real);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return "it lies outside the ordinance's folder";
  // A folder, pipe or device is no image, and reading a pipe would block.
  const stat = statSync(real);
  if (!stat.isFile()) return `it is a ${stat.isDirectory() ? 'folder' : 'special file'}, not a file`;
  const size = stat.size;
  if (size > MAX_IMAGE_BYTES) return `it is ${size} bytes, more than ${MAX_IMAGE_BYTES}`;
  const header = readImageHeader(real);
  if (!header) return 'it is not a PNG or JPEG image';
  const { width, height } = header;
  if (width < 1 || height < 1) return `its header gives a size of ${width}×${height} pixels`;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS)
    return `it is ${width}×${height} pixels, more than ${MAX_IMAGE_SIDE} a side or ${MAX_IMAGE_PIXELS} in all`;
  return null;
}

/** Decode a PNG or JPEG header (its magic bytes and its size); null when the file is neither. */
export function readImageHeader(file: string): ImageHeader | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const length = readSync(fd, head, 0, head.length, 0);
    return decodeHeader(head.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decodeHeader(bytes: Buffer): ImageHeader | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    // The first chunk of a PNG is IHDR: its width and height come first.
    if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the JPEG's segments to its frame header (SOFn), which holds the size.
    let at = 2;
    while (at + 9 <= bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = bytes.readUInt16BE(at + 2);
      const frame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (frame) return { format: 'jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      if (length < 2) return null;
      at += 2 + length;
    }
  }
  return null;
}

/** Report every image of `ordinance` that may not be shown, at the image. */
export function checkImages(ordinance: Ordinance): void {
  // An image is written "![alt](file)" or "![alt][label]": a source without "![" holds none, and a large code has few.
  const files = textFiles(ordinance);
  if (!files.some((file) => typeof file.value !== 'string' || file.value.includes('!['))) return;
  visitOrdinance(ordinance, {
    inline(node, at) {
      if (node.type !== 'image' || !at.file) return;
      const problem = imageProblem(imagePath(node.source.file.path, node.url), ordinance.dir);
      if (problem)
        report(node.source.file, 'image-file', `Unexpected image \`${node.url}\`: ${problem}; expected a PNG or JPEG file inside the ordinance's folder`, {
          place: node.source.position,
        });
    },
  });
}
