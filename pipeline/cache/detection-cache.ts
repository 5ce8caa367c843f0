/**
 * The citations found in prose, remembered per file: the resolve stage's
 * detection is the costliest part of re-checking a large folder after one
 * edit, and what it finds in a file depends only on the file's words and on
 * a key the stage gives (the grammar, the registry's forms and the file's
 * place in the document). A record whose file or key changed, or that is not
 * whole, is a miss, and the file's runs are read again.
 */
import type { VFile } from 'vfile';
import type { DetectedCitation } from '../cite/detect.js';
import type { DetectionMemo, FileDetections } from '../resolve/prose-citations.js';
import { cacheFile, type CacheLocation, textDigest } from './files.js';
import { checksum } from '../text/checksum.js';
import { SealedLines } from './sealed-lines.js';

export class DetectionCache implements DetectionMemo {
  private readonly lines: SealedLines;

  private constructor(file: string, tool: string) {
    this.lines = new SealedLines(file, tool);
  }

  /** The detections of one ordinance folder, or null when caching is off. */
  static open(folder: string, location: CacheLocation | null): DetectionCache | null {
    return location ? new DetectionCache(cacheFile(location.dir, 'detections', folder, 'ndjson'), location.key) : null;
  }

  get(file: VFile, key: string): FileDetections | null {
    const text = this.lines.get(file.path);
    if (text === null) return null;
    const tab = text.indexOf('\t');
    if (text.slice(0, tab) !== checksum(key, textDigest(file))) return null;
    try {
      const value = JSON.parse(text.slice(tab + 1)) as unknown;
      return isFileDetections(value) ? value : null;
    } catch {
      return null;
    }
  }

  set(file: VFile, key: string, detections: FileDetections): void {
    this.lines.set(file.path, `${checksum(key, textDigest(file))}\t${JSON.stringify(detections)}`);
  }

  /** Forget the records of files that are gone, and write the cache if it changed. */
  save(present: Iterable<string>): void {
    this.lines.save(present);
  }
}

const CATEGORIES = new Set(['section', 'code', 'enactment', 'statute', 'directive']);

function isDetection(value: unknown): value is DetectedCitation {
  const d = value as Record<string, unknown> | null;
  return (
    !!d &&
    typeof d.start === 'number' &&
    typeof d.end === 'number' &&
    typeof d.text === 'string' &&
    typeof d.target === 'string' &&
    (d.pinpoint === undefined || typeof d.pinpoint === 'string') &&
    CATEGORIES.has(d.category as string)
  );
}

function isFileDetections(value: unknown): value is FileDetections {
  return Array.isArray(value) && value.every((run) => Array.isArray(run) && typeof run[0] === 'number' && Array.isArray(run[1]) && run[1].every(isDetection));
}
