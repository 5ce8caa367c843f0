/**
 * Places as an editor counts them (the Language Server Protocol's lines and
 * characters from 0, in UTF-16 code units) against the model's (unist's lines
 * and columns from 1, in the same units).
 */
import type { Position } from 'unist';

/** A place in a document as an editor counts it: from 0. */
export interface EditorPoint {
  line: number;
  character: number;
}

export interface EditorRange {
  start: EditorPoint;
  end: EditorPoint;
}

/** A place in a file, as an editor opens it. */
export interface EditorLocation {
  file: string;
  range: EditorRange;
}

/** The start of a file. */
export const FILE_START: EditorRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A source position as an editor's range. */
export function rangeOf(position: Position): EditorRange {
  return {
    start: { line: position.start.line - 1, character: position.start.column - 1 },
    end: { line: position.end.line - 1, character: position.end.column - 1 },
  };
}

/** A point (from 1) as an editor's empty range at it. */
export function pointRange(line: number, column: number, endLine = line, endColumn = column): EditorRange {
  return { start: { line: line - 1, character: column - 1 }, end: { line: endLine - 1, character: endColumn - 1 } };
}

/** Whether `position` holds `point`, its ends included. */
export function holds(position: Position | undefined, point: EditorPoint): boolean {
  if (!position) return false;
  const line = point.line + 1;
  const column = point.character + 1;
  if (line < position.start.line || line > position.end.line) return false;
  if (line === position.start.line && column < position.start.column) return false;
  if (line === position.end.line && column > position.end.column) return false;
  return true;
}
