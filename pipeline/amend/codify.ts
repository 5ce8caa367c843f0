/**
 * The codifier's step: the words an instruction puts into the code (the
 * words it inserts, the text it adds or rewrites) conformed as the codifier
 * publishes them, by the jurisdiction's rules (grammar/codify.ts): another
 * act's section cited with its code citation becomes that citation ("section
 * 4 of the Redistricting Procedure Act of 1981, … (D.C. Law 4-87; D.C. Official
 * Code § 1-1041.03)" → "§ 1-1041.03"), a section of the amended act itself
 * the code section the history notes give ("section 106" → "§ 4-251.06"), and
 * the act's name for itself the group of the code it makes up ("this act" →
 * "this chapter"). The act is never changed: the instruction keeps its words,
 * the code gets the conformed ones, and each edit is listed with why.
 */
import type { CodifyRules } from '../grammar/codify.js';
import type { CompiledGrammar } from '../grammar/amendments.js';
import type { ConformingEdit, Instruction } from './instruction.js';

/** What the codifier reads of the code: its history notes (amend/code-index.ts `codeHistory`). */
export interface CodifyWorld {
  /** The act that enacted a code section (or, for a section being added, the one before it), as the notes name it. */
  enactingAct(section: string): string | undefined;
  /** The word of the group of the code the act makes up, near a section ("chapter"). */
  actUnit(act: string, near: string): string | undefined;
  /** The code section a section of the act was codified as. */
  actSection(act: string, section: string): string | undefined;
}

/** The rules compiled once. */
export interface CompiledCodify {
  rules: CodifyRules;
  thisAct: RegExp;
  ownSection: RegExp;
  otherSection: RegExp;
  /** The short name right after a citation, anchored there (sticky). */
  shortName: RegExp | undefined;
  codeCitation: RegExp;
}

const compiled = new WeakMap<CodifyRules, CompiledCodify>();

/** A jurisdiction's rules with their patterns compiled (the template loader has checked they compile). */
export function compileCodify(rules: CodifyRules, grammar: CompiledGrammar): CompiledCodify {
  let out = compiled.get(rules);
  if (!out) {
    out = {
      rules,
      thisAct: new RegExp(rules.thisAct, 'giu'),
      ownSection: new RegExp(rules.ownSection, 'giu'),
      otherSection: new RegExp(rules.otherSection, 'giu'),
      shortName: rules.shortName === undefined ? undefined : new RegExp(rules.shortName, 'iuy'),
      codeCitation: grammar.codeCitation,
    };
    compiled.set(rules, out);
  }
  return out;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The code's citation of a section, by the rules' form. */
function cite(rules: CodifyRules, section: string, path: string): string {
  return rules.citation.replace(/\{section\}/g, section).replace(/\{path\}/g, path);
}

/** `words` with its first letter as capital as `model`'s ("This act" → "This chapter"). */
function cased(words: string, model: string): string {
  const first = model.charAt(0);
  return first !== first.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** Words an act puts into code section `section`, conformed; with each edit made. */
export function codifyWords(text: string, section: string, codify: CompiledCodify, world: CodifyWorld, named?: string): { text: string; edits: ConformingEdit[] } {
  const edits: ConformingEdit[] = [];
  const { rules } = codify;
  // Another act's section, cited with its code citation: the citation (the act's subdivisions where the citation names none);
  // a short name given it right after ("section 503") goes, and the citation stands wherever the words use the name.
  const shortNames = new Map<string, string>();
  let out = text.replace(codify.otherSection, (match: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const offset = args.at(-3) as number;
    const whole = args.at(-2) as string;
    const found = codify.codeCitation.exec(groups.cited ?? '');
    if (!found?.groups?.section || found.groups.range) return match;
    const after = cite(rules, found.groups.section, found.groups.path || groups.path || '');
    edits.push({ kind: 'conforming', before: match, after, why: `the code's citation of the section the act cites, as the act gives it: ${(groups.cited ?? '').trim()}` });
    if (codify.shortName) {
      codify.shortName.lastIndex = offset + match.length;
      const short = codify.shortName.exec(whole)?.groups?.name;
      if (short) shortNames.set(short, after);
    }
    return after;
  });
  for (const [name, citation] of shortNames) {
    // The short name's definition, then its uses.
    const definition = codify.shortName ? new RegExp(`(?<=${escapeRegex(citation)})${codify.shortName.source}`, 'iu') : null;
    const defined = definition?.exec(out);
    if (defined) {
      edits.push({ kind: 'conforming', before: defined[0], after: '', why: `the act's short name for ${citation}, which the code cites` });
      out = out.slice(0, defined.index) + out.slice(defined.index + defined[0].length);
    }
    out = out.replace(new RegExp(`(?<![\\w-])${escapeRegex(name)}(?![\\w(-])`, 'giu'), (match) => {
      edits.push({ kind: 'conforming', before: match, after: citation, why: `the act's short name for ${citation}` });
      return citation;
    });
  }
  // The act the words are the act's: as the instruction names it, else the one that enacted the section.
  const act = named ?? world.enactingAct(section);
  if (act === undefined) return { text: out, edits };
  // A section of the act itself: the code section its history notes give.
  out = out.replace(codify.ownSection, (match: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const code = groups.section ? world.actSection(act, groups.section) : undefined;
    if (!code) return match;
    const after = cite(rules, code, groups.path ?? '');
    edits.push({ kind: 'conforming', before: match, after, why: `section ${groups.section} of ${act} is § ${code}, as the code's history notes say` });
    return after;
  });
  // The act's name for itself: the group of the code it makes up.
  const unit = world.actUnit(act, section);
  if (unit !== undefined) {
    out = out.replace(codify.thisAct, (match: string) => {
      const after = cased(rules.unit.replace(/\{group\}/g, unit), match);
      edits.push({ kind: 'conforming', before: match, after, why: `${act} is codified as this ${unit} of the code` });
      return after;
    });
  }
  return { text: out, edits };
}

/**
 * Each instruction that puts words into the code, with those words conformed
 * (a copy: the instruction as read is left as the act says it), and the edits
 * made; instructions with nothing to conform are their own copy.
 */
export function codifyInstruction(instruction: Instruction, codify: CompiledCodify, world: CodifyWorld): { codified: Instruction; edits: ConformingEdit[] } {
  const section = instruction.target.section;
  const conform = (words: string) => codifyWords(words, section, codify, world, instruction.act);
  switch (instruction.op) {
    case 'strike': {
      if (instruction.insert === undefined) return { codified: instruction, edits: [] };
      const { text, edits } = conform(instruction.insert);
      return { codified: { ...instruction, insert: text }, edits };
    }
    case 'insert': {
      const { text, edits } = conform(instruction.words);
      return { codified: { ...instruction, words: text }, edits };
    }
    case 'add':
    case 'rewrite': {
      const { text, edits } = conform(instruction.text);
      return { codified: { ...instruction, text }, edits };
    }
    default:
      return { codified: instruction, edits: [] };
  }
}
