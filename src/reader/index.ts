// The assisted reader's public surface.
export { readEditorial, MAX_BODY_CODE_POINTS } from './reader.js';
export { toDraft, candidateNames, derivedHeadline, DRAFT_CONFIDENCE, type KnownActor } from './draft.js';
export { ReaderTimeout, ReaderInputTooLarge } from './errors.js';
export type { ReaderInput, ReaderOptions, Reading } from './types.js';
export * from './reader.schemas.js';
