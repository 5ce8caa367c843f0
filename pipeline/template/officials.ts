/**
 * Who signed a document, from the jurisdiction's record of who held each role
 * (`roles.<id>.holders`) and the date the role signs on (`signsOn`): the
 * Chairman who signed a D.C. act as passed, the Mayor who approved it.
 */
import type { Jurisdiction } from './template-schema.js';

type Dates = Partial<Record<'introduced' | 'passed' | 'approved' | 'effective', string>>;

/** Each role's holder on the date it signs, by role id; a role with no record, no date or no holder then names no one. */
export function signersOn(roles: Jurisdiction['roles'], dates: Dates): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [id, role] of Object.entries(roles ?? {})) {
    const day = role.signsOn ? dates[role.signsOn] : undefined;
    if (!day) continue;
    // ISO dates compare as text.
    const holder = (role.holders ?? []).find((h) => h.from <= day && (h.to === undefined || day <= h.to));
    if (holder) named[id] = holder.name;
  }
  return named;
}
