// The assisted reader's public surface.
//
//   const input = { body, headline, publication, datePublished, home: 'kenya' };
//   const reading = readEditorial(input, { deadline: Date.now() + 2000 }); // candidates, pure and synchronous
//   const known = registryActorsNamed(candidateNames(reading));             // the caller's registry lookup
//   const { draft, candidates, warnings } = toDraft(reading, input, known);   // an IngestDocument to review
//
// readEditorial throws ReaderTimeout past the deadline and ReaderInputTooLarge for a body longer
// than an ingest document may hold. Candidates under DRAFT_CONFIDENCE stay out of the draft.
export { readEditorial, MAX_BODY_CODE_POINTS } from './reader.js';
export { toDraft, candidateNames, derivedHeadline, DRAFT_CONFIDENCE, type KnownActor } from './draft.js';
export { ReaderTimeout, ReaderInputTooLarge } from './errors.js';
export type { ReaderInput, ReaderOptions, Reading } from './types.js';
export * from './reader.schemas.js';
