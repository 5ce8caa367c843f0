/**
 * "Did you mean …?": the candidate nearest to a mistyped word, for messages
 * that name what was expected.
 */

/** The candidate nearest to `word` by edit distance, when it is near enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * What a message expects in place of `word`: the nearest candidate first, when
 * there is one, then the others (never it twice): "`draft` or else one of
 * `introduced`, `adopted`"; "one of `a`, `b`" without a near one.
 */
export function expectedOneOf(word: string, candidates: readonly string[], show: (candidate: string) => string = (c) => `\`${c}\``): string {
  const suggestion = closest(word, candidates);
  const others = candidates.filter((c) => c !== suggestion);
  if (suggestion === undefined) return `one of ${others.map(show).join(', ')}`;
  if (others.length === 0) return show(suggestion);
  return `${show(suggestion)} or else ${others.length === 1 ? show(others[0]!) : `one of ${others.map(show).join(', ')}`}`;
}
