/** A name written in capitals, as a title: "CODE OF THE DISTRICT OF COLUMBIA" is "Code of the District of Columbia". */
export function titleCase(name: string): string {
  const small = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'a', 'an']);
  return name
    .toLowerCase()
    .split(' ')
    .map((word, i) => (i > 0 && small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
