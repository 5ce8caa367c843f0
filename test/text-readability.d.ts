/** text-readability ships no types: the part the digest tests use, a second count of the Flesch scores. */
declare module 'text-readability' {
  const readability: {
    fleschReadingEase(text: string): number;
    fleschKincaidGrade(text: string): number;
    sentenceCount(text: string): number;
    lexiconCount(text: string, removePunctuation?: boolean): number;
  };
  export default readability;
}
