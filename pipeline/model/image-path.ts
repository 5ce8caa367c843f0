/** Where a section's image lies (model/types.ts Image's `url`, resolved); whether it may be shown is the runner's to find (load/image-files.ts). */
import path from 'node:path';

/** Where an image given as `url` in `sourceFile` lies, resolved against the source's folder. */
export function imagePath(sourceFile: string, url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // A malformed escape is read as written.
  }
  return path.resolve(path.dirname(sourceFile), decoded);
}
