import { createHash } from 'node:crypto';

/** The SHA-256 of `parts` joined by tabs, in hex: what seals a cache record and names a file's content. */
export function checksum(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update('\t');
    hash.update(part);
  });
  return hash.digest('hex');
}
