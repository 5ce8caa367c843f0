// Shared by the benchmark scripts.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Files below `dir` for which `test(path)` holds, in a stable (sorted) order. */
export function filesBelow(dir, test) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (test(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
