/**
 * The code an amending ordinance amends, as the amend stage sees it: its
 * sections by id and a reader of their files (load/code-folder.ts finds and indexes
 * the folder), where a new section's file goes, and the act sections its
 * history notes place.
 */
import path from 'node:path';
import { sectionId } from '../dc-xml/section.js';
import type { ActSectionResolver } from './read.js';

/** The sections of a code, by id, as files below its root (load/code-folder.ts indexes a code's folder). */
export interface CodeIndex {
  /** The code's folder, absolute. */
  root: string;
  /** Section id ("24-211.07") → its file, relative to `root`, with `/` separators. */
  sections: Map<string, string>;
  /** A section file's source, by its file relative to `root` (read when first asked; throws when it cannot be read). */
  read(file: string): string;
}

/** A section file's name: its place in its folder, then its id ("07-24-211.07.md"; "07a-24-211.07a.md" for one added after it). */
export const SECTION_FILE = /^(\d+[a-z]*)-(.+)\.md$/;

/** The file of a code section named as the law names it ("24-211.07", "§ 24-211.07"), or undefined. */
export function sectionFile(code: CodeIndex, section: string): string | undefined {
  return code.sections.get(sectionId(section));
}

/** Where a new section's file goes: beside the code's section that precedes it in number, named to sort just after that one. */
export function newSectionFile(code: CodeIndex, section: string, taken: ReadonlySet<string> = new Set(), groupAt?: string): string {
  const id = sectionId(section);
  if (groupAt !== undefined && ![...code.sections.values()].some((f) => path.posix.dirname(f) === groupAt)) {
    // The first sections of a new group's folder: numbered in order from "01".
    const count = [...taken].filter((f) => path.posix.dirname(f) === groupAt).length;
    return `${groupAt}/${String(count + 1).padStart(2, '0')}-${id}.md`;
  }
  const ids = [...code.sections.keys()];
  const before = ids
    .filter((other) => compareSectionIds(other, id) < 0)
    .sort(compareSectionIds)
    .pop();
  const previous = before ? code.sections.get(before)! : undefined;
  const folder = previous ? path.posix.dirname(previous) : '.';
  const ordinal = previous ? SECTION_FILE.exec(path.posix.basename(previous))![1]! : '00';
  const suffix = /[a-z]*$/.exec(ordinal)![0];
  const stem = ordinal.slice(0, ordinal.length - suffix.length) + suffix.slice(0, -1);
  const inFolder = [...code.sections.values(), ...taken].filter((f) => path.posix.dirname(f) === folder).map((f) => path.posix.basename(f));
  const at = (name: string) => (folder === '.' ? name : `${folder}/${name}`);
  // "07" → "07a", "07a" → "07b": sorts after the one before and before the next ("08").
  for (let c = suffix ? suffix.charCodeAt(suffix.length - 1) + 1 : 97; c <= 122; c++) {
    const place = `${stem}${String.fromCharCode(c)}`;
    if (!inFolder.some((name) => name.startsWith(`${place}-`))) return at(`${place}-${id}.md`);
  }
  return at(`${ordinal}a-${id}.md`);
}

/** A group folder's name: its place, its word and its designation ("01-chapter-12h", "06-subchapter-iv-b"). */
const GROUP_FOLDER = /^(\d+[a-z]*)-([a-z]+)-(.+)$/;

/** The folder of a group of the code ("Chapter 12H"), relative to its root, when the code has one. */
export function groupFolder(code: CodeIndex, prefix: string, num: string): string | undefined {
  const name = `${prefix}-${sectionId(num)}`.toLowerCase();
  for (const file of code.sections.values()) {
    const parts = file.split('/').slice(0, -1);
    for (const [i, part] of parts.entries()) {
      const match = GROUP_FOLDER.exec(part);
      if (match && `${match[2]}-${match[3]}` === name) return parts.slice(0, i + 1).join('/');
    }
  }
  return undefined;
}

/**
 * Where a new group's folder goes: beside the folder of the code's section
 * that precedes its first section in number, named to sort just after that
 * folder ("01-chapter-12h" → "01a-chapter-12i").
 */
export function newGroupFolder(code: CodeIndex, firstSection: string, prefix: string, num: string, taken: ReadonlySet<string> = new Set()): string {
  const id = sectionId(firstSection);
  const before = [...code.sections.keys()]
    .filter((other) => compareSectionIds(other, id) < 0)
    .sort(compareSectionIds)
    .pop();
  const previous = before ? path.posix.dirname(code.sections.get(before)!) : '.';
  const parent = previous === '.' ? '.' : path.posix.dirname(previous);
  const ordinal = previous === '.' ? '00' : (GROUP_FOLDER.exec(path.posix.basename(previous))?.[1] ?? '00');
  const name = `${prefix}-${sectionId(num)}`.toLowerCase();
  const folders = new Set([...code.sections.values(), ...taken].map((f) => path.posix.dirname(f)));
  for (let c = 97; c <= 122; c++) {
    const folder = `${ordinal}${String.fromCharCode(c)}-${name}`;
    const at = parent === '.' ? folder : `${parent}/${folder}`;
    if (![...folders].some((f) => f === at || f.startsWith(`${at}/`))) return at;
  }
  return parent === '.' ? `${ordinal}z-${name}` : `${parent}/${ordinal}z-${name}`;
}

/** Order section ids as the code numbers them: "24-211.07" < "24-211.07a" < "24-211.08" < "24-212". */
export function compareSectionIds(a: string, b: string): number {
  const pa = a.split(/([0-9]+)/).filter(Boolean);
  const pb = b.split(/([0-9]+)/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The code sections each act's own sections were codified as, read from the
 * code's history notes (`:::annotation{type="History" doc="D.C. Law 19-124"
 * path="§223"}`, or the note's words "D.C. Law 19-124, § 223"): what lets "is
 * amended by adding a new section 223a" be placed at 1-1162.23a. Only a section
 * the notes name once counts; an act section named by two code sections (an
 * amending act's section that touched both) places nothing. Files are read
 * when first asked, within the title of the act's first code section when the
 * instruction cites it, else the whole code.
 */
export function actSectionsFromHistory(code: CodeIndex): ActSectionResolver {
  return codeHistory(code).resolve;
}

/** What the code's history notes say of its acts: where an act's sections were codified, which act enacted a section, and the group of the code an act makes up. */
export interface CodeHistory {
  /** The code section an act's section was codified as (see `ActSectionResolver`). */
  resolve: ActSectionResolver;
  /** The act that enacted a code section, as its first history note names it ("D.C. Law 6-99"), or undefined. */
  enactingAct(section: string): string | undefined;
  /**
   * The word of the group of the code an act is codified as ("chapter"), near
   * a section of it: of the groups that hold `near` below its title, the
   * widest of which the act enacted most sections (an act's sections moved
   * elsewhere since do not make its title its group); undefined for none.
   */
  actUnit(act: string, near: string): string | undefined;
}

const histories = new WeakMap<CodeIndex, CodeHistory>();

/** The code's history, read when first asked and kept for the code index (the reader and the codifier share it). */
export function codeHistory(code: CodeIndex): CodeHistory {
  let known = histories.get(code);
  if (!known) {
    known = readHistory(code);
    histories.set(code, known);
  }
  return known;
}

function readHistory(code: CodeIndex): CodeHistory {
  const scopes = new Map<string, Map<string, Set<string>>>();
  const scopeOf = (prefix: string): Map<string, Set<string>> => {
    let found = scopes.get(prefix);
    if (found) return found;
    found = new Map();
    for (const [id, file] of code.sections) {
      if (prefix && !file.startsWith(prefix)) continue;
      const text = readSection(code, file);
      if (text === undefined) continue;
      for (const [law, actSection] of historyOf(text)) {
        const key = `${law}|${actSection}`;
        const sections = found.get(key) ?? new Set<string>();
        sections.add(id);
        found.set(key, sections);
      }
    }
    scopes.set(prefix, found);
    return found;
  };
  const enactments = new Map<string, string | undefined>();
  /** The enactment a section's first history note names (`doc`): the act that enacted it ("Stat. 81-2-ch686"). */
  const enactedBy = (file: string): string | undefined => {
    if (!enactments.has(file)) {
      const note = FIRST_HISTORY_NOTE.exec(readSection(code, file) ?? '');
      enactments.set(file, note ? /\bdoc="([^"]*)"/.exec(note[1]!)?.[1] : undefined);
    }
    return enactments.get(file);
  };
  /** The notes' keys by the act they name ("D.C. Law 22-140" → "2(e)" → its code sections), within a scope. */
  const byAct = new Map<string, Map<string, Map<string, Set<string>>>>();
  const actKeys = (prefix: string, name: string): Map<string, Set<string>> => {
    let scope = byAct.get(prefix);
    if (!scope) {
      scope = new Map();
      for (const [key, sections] of scopeOf(prefix)) {
        const bar = key.lastIndexOf('|');
        const act = key.slice(0, bar);
        if (!scope.has(act)) scope.set(act, new Map());
        scope.get(act)!.set(key.slice(bar + 1), sections);
      }
      byAct.set(prefix, scope);
    }
    return scope.get(name) ?? new Map();
  };
  /**
   * The code section an amending act's section or subdivision amended ("2(e)(1)"): the one code section whose notes name
   * it, a subdivision of it, or (failing those) the subdivision or section above it; '' when several do, undefined when none.
   */
  const amendedBy = (prefix: string, name: string, actPath: string): string | undefined => {
    const found = amendedSectionsOf(prefix, name, actPath);
    return found.length === 0 ? undefined : found.length === 1 ? found[0] : '';
  };
  /** The code sections the notes name at an act's subdivision or below it, else at the nearest subdivision above it that they name. */
  const amendedSectionsOf = (prefix: string, name: string, actPath: string): string[] => {
    const parts = actPath.match(/^\d+[a-z]*|\([^()]+\)/g) ?? [];
    const keys = actKeys(prefix, name);
    for (let n = parts.length; n >= 1; n--) {
      const at = parts.slice(0, n).join('');
      const found = new Set<string>();
      for (const [key, sections] of keys) if (key === at || key.startsWith(`${at}(`)) for (const id of sections) found.add(id);
      if (found.size > 0) return [...found].sort(compareSectionIds);
    }
    return [];
  };
  const resolve: ActSectionResolver = (act, actSection, ask = {}) => {
    const start = act.codeStart ? code.sections.get(sectionId(act.codeStart)) : undefined;
    const prefix = start?.includes('/') ? `${start.slice(0, start.indexOf('/'))}/` : '';
    // The act as the notes name it: its law number, else the enactment that enacted the first section of its range.
    const names = [act.law, start === undefined ? undefined : enactedBy(start)].filter((n): n is string => n !== undefined);
    for (const name of names) {
      if (ask.amended) {
        const amended = amendedBy(prefix, name, actSection);
        if (amended !== undefined) return amended;
        continue;
      }
      const sections = [...(scopeOf(prefix).get(`${name}|${actSection}`) ?? [])];
      // Enacted by the act: the section's first history note names it.
      const found = ask.enacting ? sections.filter((id) => enactedBy(code.sections.get(id)!) === name) : sections;
      if (found.length === 1) return found[0];
    }
    return undefined;
  };
  resolve.amendedSections = (act, actPath) => {
    const names = [act.law].filter((n): n is string => n !== undefined);
    for (const name of names) {
      const found = amendedSectionsOf('', name, actPath);
      if (found.length > 0) return found;
    }
    return [];
  };
  const units = new Map<string, string | undefined>();
  return {
    resolve,
    enactingAct(section) {
      const file = code.sections.get(sectionId(section));
      return file === undefined ? undefined : enactedBy(file);
    },
    actUnit(act, near) {
      const file = code.sections.get(sectionId(near));
      if (file === undefined) return undefined;
      const folders = file.split('/').slice(0, -1);
      // The groups holding the section, widest first, below the title's own folder (the first, in an imported code).
      for (let depth = 2; depth <= folders.length; depth++) {
        const folder = folders.slice(0, depth).join('/');
        const key = `${folder}\0${act}`;
        if (!units.has(key)) {
          const inside = [...code.sections.values()].filter((f) => f.startsWith(`${folder}/`));
          const enacted = inside.filter((f) => enactedBy(f) === act).length;
          units.set(key, enacted * 2 > inside.length ? GROUP_FOLDER.exec(folders[depth - 1]!)?.[2] : undefined);
        }
        const word = units.get(key);
        if (word !== undefined) return word;
      }
      return undefined;
    },
  };
}

/** A code section file's source (relative to the code's root), or undefined when it cannot be read. */
function readSection(code: CodeIndex, file: string): string | undefined {
  try {
    return code.read(file);
  } catch {
    return undefined;
  }
}

const HISTORY_NOTE = /^:::annotation\{([^}\n]*\btype="History"[^}\n]*)\}\n([\s\S]*?)^:::$/gm;
const FIRST_HISTORY_NOTE = /^:::annotation\{([^}\n]*\btype="History"[^}\n]*)\}$/m;
const LAW_SECTION_WORDS = /\bD\.C\. (Law|Act) (\d+-\d+), § (\d+[a-z]*)(?=[,;)\s]|$)/g;

/** The (law, act section) pairs a section's history notes name: a whole section ("223"), or a subdivision of an amending act's section ("2(e)(1)"). */
function historyOf(text: string): [string, string][] {
  const out: [string, string][] = [];
  if (!text.includes('History')) return out;
  for (const note of text.matchAll(HISTORY_NOTE)) {
    const attributes = Object.fromEntries([...note[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const whole = /^§(\d+[a-z]*)$/.exec(attributes.path ?? '');
    // A subdivision of an amending act's section ("§2|(e)|(1)"): what that instruction amended, kept as "2(e)(1)".
    const within = /^§(\d+[a-z]*)((?:\|\([A-Za-z0-9-]+\))+)$/.exec(attributes.path ?? '');
    if (attributes.doc && whole) out.push([attributes.doc, whole[1]!]);
    else if (attributes.doc && within) out.push([attributes.doc, `${within[1]}${within[2]!.replaceAll('|', '')}`]);
    else for (const m of note[2]!.matchAll(LAW_SECTION_WORDS)) out.push([`D.C. ${m[1]} ${m[2]}`, m[3]!]);
  }
  return out;
}
