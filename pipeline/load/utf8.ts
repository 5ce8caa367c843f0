/**
 * Strict UTF-8 decoding that says where the first bad byte is, so a drafter
 * who saved a file as Latin-1 is told the line and column.
 */
export type DecodeResult = { ok: true; text: string } | { ok: false; line: number; column: number; byte: number };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decode `bytes` as UTF-8 (a leading BOM is dropped); on failure, the 1-based line and column of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const offset = firstInvalidOffset(bytes);
    const before = bytes.subarray(0, offset);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = new TextDecoder('utf-8').decode(before.subarray(lineStart)).length + 1;
    return { ok: false, line, column, byte: bytes[offset] ?? 0 };
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
