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
