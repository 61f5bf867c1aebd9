// Ingest documents for tests. None of them is the seed: they prove that nothing depends on the
// Dawn editorial.
import type { IngestDocument } from '../../src/schemas/ingest.js';

import { INDUS_OP_ED } from '../../src/schemas/ingest.examples.js';

/** The Indus op-ed (a fresh copy each call), with fields overridden. */
export function indusOpEd(overrides: Partial<IngestDocument> = {}): IngestDocument {
  return { ...(structuredClone(INDUS_OP_ED) as IngestDocument), ...overrides };
}

const PUBLICATIONS = [
  { id: 'dawn', name: 'Dawn' },
  { id: 'the-express-tribune', name: 'The Express Tribune' },
  { id: 'the-news', name: 'The News' },
];
const ACTOR_POOL = [
  { id: 'pakistan', name: 'Pakistan', type: 'state' as const },
  { id: 'india', name: 'India', type: 'state' as const },
  { id: 'china', name: 'China', type: 'state' as const },
  { id: 'iran', name: 'Iran', type: 'state' as const },
  { id: 'united-nations', name: 'United Nations', type: 'organization' as const },
];
const DOMAINS = ['diplomacy', 'trade', 'border-security', 'climate'];
const STRENGTHS = ['must', 'should', 'could'] as const;

/**
 * A small but complete article, varied by `i`: its date, publication, kind, topics, actors,
 * recommendations (one per sentence) and a quotation. Deterministic for a given i.
 */
export function syntheticArticle(i: number): IngestDocument {
  const a = ACTOR_POOL[i % ACTOR_POOL.length]!;
  const b = ACTOR_POOL[(i + 2) % ACTOR_POOL.length]!;
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  const strength = STRENGTHS[i % 3]!;
  const sentences = [
    `${a.name} ${strength} open talks with ${b.name} on item ${i}.`,
    `${b.name} should publish its plan number ${i} within a month.`,
    `Analysts at the Institute ${i} say the window is closing.`,
  ];
  return {
    id: `2025-${month}-${day}-synthetic-${i}`,
    headline: `Synthetic editorial ${String(i).padStart(3, '0')}`,
    kind: (['editorial', 'op-ed', 'column'] as const)[i % 3]!,
    publication: PUBLICATIONS[i % PUBLICATIONS.length]!,
    author: i % 2 ? `Writer ${i}` : null,
    datePublished: `2025-${month}-${day}`,
    language: 'en',
    url: null,
    topics: [`topic-${i % 4}`, 'synthetic'],
    body: sentences.join(' '),
    actors: [
      { ...a, roles: ['addressee'], portrayal: 'neutral' },
      { ...b, roles: ['addressee', 'partner'], portrayal: i % 2 ? 'critical' : 'sympathetic' },
    ],
    recommendations: [
      {
        addressee: a.id,
        statement: `Open talks with ${b.name}.`,
        strength,
        priority: 1,
        domain: DOMAINS[i % DOMAINS.length]!,
        instruments: ['talks'],
        partners: [b.id],
        evidence: { exact: sentences[0]!.slice(0, -1) },
      },
      {
        addressee: b.id,
        statement: 'Publish its plan within a month.',
        strength: 'should',
        priority: 2,
        domain: 'governance',
        evidence: { exact: `should publish its plan number ${i}` },
      },
    ],
    quotations: [
      {
        source: { id: `institute-${i % 5}`, name: `Institute ${i % 5}`, type: 'organization' },
        kind: 'indirect',
        verb: 'say',
        claim: 'The window is closing.',
        evidence: { exact: sentences[2]!.slice(0, -1) },
      },
    ],
  };
}

/** A small seeded PRNG (mulberry32): the same run of values every time, so a failure reproduces. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
