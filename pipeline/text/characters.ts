/** Characters that are never printable text, whatever the font. */

/** Control characters (C0, DEL, C1): no font prints them. */
export function isControlCharacter(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * Noncharacters (U+FDD0 to U+FDEF, and the last two code points of every
 * plane): never text, and XML cannot hold U+FFFE and U+FFFF. Some fonts map
 * them to an empty glyph, so they would print as nothing.
 */
export function isNoncharacter(codePoint: number): boolean {
  return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe;
}

/**
 * Characters that change how the text around them shows without showing
 * themselves: line breaks and controls, zero-width characters, and the
 * direction marks, embeddings, overrides and isolates (an unterminated
 * U+202E prints everything after it backwards).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu;

/** `text` as a message quotes it: each unseen character written as its code point (`\u{202E}`), so a message says what is there and never reverses or breaks the line it stands in. */
export function visible(text: string): string {
  return text.replace(UNSEEN, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}
