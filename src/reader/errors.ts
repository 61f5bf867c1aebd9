// The reader's two refusals: out of time, and a text too long to be an article.

/** Thrown when the caller's deadline passes while the reader works. */
export class ReaderTimeout extends Error {
  constructor(readonly deadline: number) {
    super(`The reader ran past its deadline (${new Date(deadline).toISOString()}).`);
    this.name = 'ReaderTimeout';
  }
}

/** Thrown for a body longer than an ingest document may be, before any work is done. */
export class ReaderInputTooLarge extends Error {
  constructor(readonly length: number, readonly limit: number) {
    super(`The body has ${length} code points; the reader takes at most ${limit}.`);
    this.name = 'ReaderInputTooLarge';
  }
}

export function checkDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && Date.now() > deadline) throw new ReaderTimeout(deadline);
}
