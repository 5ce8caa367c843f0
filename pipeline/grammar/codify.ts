/**
 * How a jurisdiction's codifier conforms an act's words to the code, as data:
 * the template's `codify`. When the code is amended (`ordinance amend
 * --codify`, or `enabled` here), the words an act puts into the code are
 * conformed as the codifier publishes them: the act's name for itself ("this
 * act") becomes the group of the code it is codified as ("this chapter"), a
 * section of the act ("section 106") and another act's section cited with its
 * code citation become the code's citation ("§ 4-251.06"). The act's own
 * words are never changed; each conforming edit is listed
 * (pipeline/amend/codify.ts does the edits).
 */
import { Type, type Static } from 'typebox';

const Text = (description: string) => Type.String({ pattern: '\\S', description });

export const CodifySchema = Type.Object(
  {
    enabled: Type.Optional(
      Type.Boolean({ description: 'Conform the words amended into the code on every check, build and amend (off by default; `ordinance amend --codify` asks for it once).' }),
    ),
    thisAct: Text('A regular expression for the words by which an act names itself ("this act"), case-insensitive.'),
    unit: Text('What they become: the group of the code the act is codified as, {group} its word ("this {group}" → "this chapter").'),
    ownSection: Text(
      'A regular expression for a reference to a section of the act itself ("section 106", "section 106(b) of this act"), case-insensitive, with named groups `section` and `path`; the code\'s history notes give the code section.',
    ),
    otherSection: Text(
      'A regular expression for a section of another act cited with its code citation in parentheses ("section 4 of the Redistricting Procedure Act of 1981, effective … (D.C. Law 4-87; D.C. Official Code § 1-1041.03)"), case-insensitive, ' +
        "with named groups `path` (the act's subdivisions) and `cited` (the parenthesis, read by the amendment grammar's `codeCitation`).",
    ),
    citation: Text('How the code cites a section: {section} and {path} ("§ {section}{path}").'),
    shortName: Type.Optional(
      Text(
        'A regular expression for the short name an act gives the section it cites, right after the citation (\' ("section 503")\'), case-insensitive, with the named group `name`: ' +
          'the codifier drops it and cites the code section wherever the words use the name.',
      ),
    ),
    $comment: Type.Optional(Type.String({ description: "A note for the template's readers." })),
  },
  { additionalProperties: false, description: "The codifier's conforming edits of the words an act amends into the code (pipeline/amend/codify.ts)." },
);
export type CodifyRules = Static<typeof CodifySchema>;

/** The patterns of the rules that do not compile, each with its key. */
export function codifyPatternProblems(rules: CodifyRules): { path: string[]; error: string }[] {
  return (['thisAct', 'ownSection', 'otherSection', 'shortName'] as const).flatMap((key) => {
    try {
      if (rules[key] !== undefined) new RegExp(rules[key], 'giu');
      return [];
    } catch (error) {
      return [{ path: [key], error: (error as Error).message }];
    }
  });
}
