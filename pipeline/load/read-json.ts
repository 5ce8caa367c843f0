/**
 * JSON files read from disk with their places: the configuration, the
 * templates, the lock and the outputs read back (schema/json-source.ts parses
 * and checks them; this module is the reading).
 */
import { readFileSync } from 'node:fs';
import type { Static, TSchema } from 'typebox';
import { checkJson, displayPath, fitsOutput, parseJsonSource, type JsonSource } from '../schema/json-source.js';
import { FileProblemsError } from '../schema/problems.js';

/** Read a JSON file; malformed JSON or a repeated key is a FileProblemsError at its place. */
export function readJsonFile(file: string): JsonSource {
  return parseJsonSource(readFileSync(file, 'utf8'), displayPath(file));
}

/**
 * A JSON file the tool wrote and reads back (an output, the lock), checked
 * against its schema: its value, or undefined when there is no such file.
 * A file that is not what the tool writes is a FileProblemsError, each
 * mistake at its place; `what` names it in messages ("the output manifest").
 * A file that fits is parsed once, with no places: outputs can be large.
 */
export function readJsonOutput<T extends TSchema>(file: string, schema: T, what: string): Static<T> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    // Checked against the schema: the cast says what the check proved.
    if (fitsOutput(schema, value)) return value as Static<T>;
  } catch {
    // Malformed: readJsonFile below says where.
  }
  const source = readJsonFile(file);
  const problems = checkJson(source, schema, what);
  if (problems.length) throw new FileProblemsError(problems);
  return source.value as Static<T>;
}
