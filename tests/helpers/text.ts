// Reading anchors back, independently of src/ingest/anchors.ts: the tests' oracle for offsets.

/** The code points of `text` from `start` to just before `end`: what an anchor's offsets name. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
