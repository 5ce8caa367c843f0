/** An XML file read and parsed (the importers' one reader of files; the helpers in dc-xml/xml.ts work on what it gives). */
import { readFileSync, statSync } from 'node:fs';
import { parseXml, type Element } from '../dc-xml/xml.js';

/**
 * The largest XML file an importer reads: the largest act of the District's
 * 2023–2024 corpus is 1.2 MB and a section of the Code at most 0.2 MB, so 16
 * MiB holds any law with room to spare, and parsing one stays within seconds
 * and a few hundred megabytes; a larger file is not a law.
 */
export const MAX_XML_BYTES = 16 * 1024 * 1024;

/** Parse an XML file; returns its root element. A file too large, or XML that does not parse, is an error naming the file (and the line and column). */
export function readXml(file: string): Element {
  const size = statSync(file).size;
  if (size > MAX_XML_BYTES)
    throw new Error(
      `${file}: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes), expected at most ${MAX_XML_BYTES / 1024 / 1024} MiB, as an XML file of law is (an act is about 1 MB)`,
    );
  return parseXml(readFileSync(file), file);
}
