/** What became of an instruction: applied, with the words struck and inserted, or not, with why; the law quoted in messages. */
import type { Instruction, InstructionOutcome } from './instruction.js';

/** A quotation of the law for a message, shortened in the middle when long. */
export function quote(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 40)} … ${t.slice(-35)}` : t}”`;
}

/** An instruction applied: the words it struck and inserted. */
export function ok(instruction: Instruction, struck: string[], inserted: string[]): InstructionOutcome {
  return { instruction, applied: true, struck, inserted };
}

/** An instruction not applied: its target missing, or its words not fitting the law it targets, and why. */
export function failed(instruction: Instruction, failure: 'target' | 'applies', reason: string): InstructionOutcome {
  return { instruction, applied: false, failure, reason, struck: [], inserted: [] };
}
