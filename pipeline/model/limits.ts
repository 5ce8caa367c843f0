/**
 * The format's limits: sizes and depths no real law reaches, set so that
 * everything within them prints whole and a hostile file costs bounded time
 * and memory. Each is reported at its place as a check of the source format.
 */

/** The largest source file read, in bytes (a whole code title's longest section is far smaller). */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** Block quotes and lists nested in one another, counted together, at most this deep. */
export const MAX_BLOCK_NESTING = 8;

/**
 * The Markdown tree at most this deep, whatever nests (emphasis, links, block
 * quotes, lists): deeper trees would overflow the stack of the stages that
 * walk them. Real law stays under thirty.
 */
export const MAX_TREE_DEPTH = 100;

/** Subdivisions at most this deep: (a)(1)(A)(i)(I)(aa) is six. */
export const MAX_SUBDIVISION_DEPTH = 8;

/** A table holds at most this many columns, so each keeps a few words' width on the page. */
export const MAX_TABLE_COLUMNS = 12;

/** A YAML front matter may expand at most this many aliases (`*name`). */
export const MAX_YAML_ALIASES = 100;

/** A slug (`ordinance new`) or a jurisdiction id (`ordinance new jurisdiction`) is at most this long: it names folders and files, with room for their temporaries, below every system's limit on a name (255 bytes). */
export const MAX_SLUG_LENGTH = 100;

/** A section's own designation (`number:`) is at most this long. */
export const MAX_DESIGNATION_LENGTH = 64;

/** A heading (of a section or a group) is at most this long; the longest in real codes are a few hundred characters. */
export const MAX_HEADING_LENGTH = 1000;

/** The short title is at most this long: the Council's run to 126 characters; the page header sets a long one smaller, or on two lines. */
export const MAX_SHORT_TITLE_LENGTH = 200;

/** Images: at most this many bytes, this many pixels a side and this many pixels in all. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 25_000_000;

/**
 * An adopted final's lock (`ordinance.lock.json`) is at most this many bytes:
 * a lock records one line per file, and a code title's whole folder takes a
 * few hundred kilobytes; a larger one (or a device that never ends) is not read.
 */
export const MAX_LOCK_BYTES = 16 * 1024 * 1024;

/** Any text of a lock (a key or a value: a file's path, a number, the commit) is at most this long. */
export const MAX_LOCK_TEXT = 1024;

/** The commit a lock records is at most this long: it is printed on every page of the final (a git object id is 40 or 64 hex digits). */
export const MAX_COMMIT_LENGTH = 100;
