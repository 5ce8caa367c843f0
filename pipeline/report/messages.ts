/**
 * Findings cross thread boundaries as plain data: a file's path and its
 * messages, turned back into vfiles on the other side for the reporters.
 */
import type { Position } from 'unist';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export interface SerializedMessage {
  reason: string;
  place: Position | { line: number; column: number } | undefined;
  ruleId: string | undefined;
  fatal: boolean | null | undefined;
  note: string | undefined;
  cause: string | undefined;
  actual?: string | undefined;
  expected?: string[] | undefined;
}

export interface SerializedFile {
  path: string;
  messages: SerializedMessage[];
}

export function serializeFiles(files: VFile[]): SerializedFile[] {
  return files
    .filter((f) => f.messages.length > 0)
    .map((f) => ({
      path: f.path,
      messages: f.messages.map((m: VFileMessage) => ({
        reason: m.reason,
        place: m.place ?? undefined,
        ruleId: m.ruleId ?? undefined,
        fatal: m.fatal,
        note: typeof m.note === 'string' ? m.note : undefined,
        cause: typeof m.cause === 'string' ? m.cause : undefined,
        ...(m.actual !== undefined && m.expected ? { actual: m.actual, expected: m.expected } : {}),
      })),
    }));
}

export function deserializeFiles(files: SerializedFile[]): VFile[] {
  return files.map(({ path, messages }) => {
    const file = new VFile({ path, value: '' });
    for (const m of messages) {
      const message = file.message(m.reason, { place: m.place, ruleId: m.ruleId, source: 'ordinance' });
      message.fatal = m.fatal;
      if (m.note) message.note = m.note;
      if (m.cause) message.cause = m.cause;
      if (m.actual !== undefined && m.expected) {
        message.actual = m.actual;
        message.expected = m.expected;
      }
    }
    return file;
  });
}
