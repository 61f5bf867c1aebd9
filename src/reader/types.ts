// Types shared by the reader's stages.
import type { ActorRoles, ActorTypes, Portrayals, SourceTypes, Strengths } from '../schemas/common.js';
import type { ActorCandidate, QuotationCandidate, RecommendationCandidate } from './reader.schemas.js';

export type ActorType = (typeof ActorTypes)[number];
export type ActorRole = (typeof ActorRoles)[number];
export type Portrayal = (typeof Portrayals)[number];
export type Strength = (typeof Strengths)[number];
export type SourceType = (typeof SourceTypes)[number];

export interface ReaderInput {
  body: string;
  headline?: string;
  publication?: { id: string; name: string };
  datePublished?: string;
  language?: string;
  /** The paper's home state: an actor id or a country name. */
  home?: string;
}

export interface ReaderOptions {
  /** Milliseconds since the epoch; past it the reader throws ReaderTimeout. */
  deadline?: number;
}

export interface Reading {
  actors: ActorCandidate[];
  recommendations: RecommendationCandidate[];
  quotations: QuotationCandidate[];
  warnings: string[];
}
