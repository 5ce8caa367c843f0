/** What became of an instruction: applied, with the words struck and inserted, or not, with why; the law quoted in messages. */
import type { Instruction, InstructionOutcome } from './instruction.js';

/** A quotation of the law for a message, shortened in the middle when long. */
export function quote(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 40)} … ${t.slice(-35)}` : t}”`;
}

export function ok(instruction: Instruction, struck: string[], inserted: string[]): InstructionOutcome {
  return { instruction, applied: true, struck, inserted };
}

export function failed(instruction: Instruction, failure: 'target' | 'applies', reason: string): InstructionOutcome {
  return { instruction, applied: false, failure, reason, struck: [], inserted: [] };
}
