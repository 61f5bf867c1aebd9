// Ingest documents for tests. None of them is the seed: they prove that nothing depends on the
// Dawn editorial.
import type { IngestDocument } from '../../src/ingest/ingest.schemas.js';

const INDUS_BODY =
  'The Indus Waters Treaty has survived three wars, yet New Delhi now says it is "in abeyance". ' +
  'The World Bank, which brokered the 1960 accord, has said that neither party may walk away from it alone. ' +
  'Pakistan cannot match India upstream, and it should not try to. ' +
  'Islamabad must take the dispute to the Permanent Court of Arbitration and keep the neutral expert process alive. ' +
  'India, for its part, should resume the sharing of flood data before the monsoon, because farmers on both sides will pay for silence. ' +
  'Provincial governments could also fix the canals that lose a third of the water they carry. ' +
  'As one hydrologist in Lahore put it, "a treaty is only as strong as the data behind it." ' +
  'Water must not become a weapon.';

/** A realistic op-ed from another publication, sharing one actor (pakistan) with the seed. */
export function indusOpEd(overrides: Partial<IngestDocument> = {}): IngestDocument {
  return {
    headline: 'Water is not a weapon',
    kind: 'op-ed',
    publication: { id: 'the-express-tribune', name: 'The Express Tribune' },
    author: 'Ayesha Rahman',
    datePublished: '2026-02-03',
    language: 'en',
    url: 'https://tribune.example/water-is-not-a-weapon',
    topics: ['water', 'pakistan-india-relations'],
    body: INDUS_BODY,
    actors: [
      { id: 'pakistan', name: 'Pakistan', type: 'state', aliases: ['Islamabad'], roles: ['addressee', 'subject'], portrayal: 'neutral' },
      { id: 'india', name: 'India', type: 'state', aliases: ['New Delhi'], roles: ['addressee', 'subject'], portrayal: 'critical' },
      { id: 'world-bank', name: 'World Bank', type: 'organization', roles: ['source'], portrayal: 'neutral' },
      {
        id: 'permanent-court-of-arbitration',
        name: 'Permanent Court of Arbitration',
        type: 'organization',
        roles: ['partner'],
        portrayal: 'neutral',
      },
      { id: 'pakistani-provincial-governments', name: 'Provincial governments', type: 'institution', roles: ['addressee'], portrayal: 'neutral' },
      { id: 'farmers', name: 'Farmers', type: 'group', roles: ['affected'], portrayal: 'sympathetic' },
    ],
    recommendations: [
      {
        addressee: 'pakistan',
        statement: 'Take the treaty dispute to the Permanent Court of Arbitration and keep the neutral expert process alive.',
        strength: 'must',
        priority: 1,
        domain: 'water-diplomacy',
        instruments: ['international arbitration', 'neutral expert'],
        partners: ['permanent-court-of-arbitration'],
        against: [],
        evidence: { exact: 'Islamabad must take the dispute to the Permanent Court of Arbitration' },
      },
      {
        addressee: 'india',
        statement: 'Resume sharing flood data before the monsoon.',
        strength: 'should',
        priority: 2,
        domain: 'water-diplomacy',
        instruments: ['flood data sharing'],
        partners: [],
        against: ['holding the treaty in abeyance'],
        evidence: { exact: 'India, for its part, should resume the sharing of flood data before the monsoon' },
      },
      {
        addressee: 'pakistani-provincial-governments',
        statement: 'Repair the canals that lose a third of their water.',
        strength: 'could',
        priority: 3,
        domain: 'water-management',
        instruments: ['canal repair'],
        evidence: { exact: 'Provincial governments could also fix the canals' },
      },
      {
        addressee: 'pakistan',
        statement: 'Do not try to match India upstream.',
        strength: 'should',
        priority: 4,
        domain: 'water-diplomacy',
        against: ['an upstream race with India'],
        evidence: { exact: 'it should not try to' },
      },
    ],
    quotations: [
      {
        source: { id: 'world-bank', name: 'World Bank', type: 'organization', actor: 'world-bank' },
        kind: 'indirect',
        verb: 'has said',
        claim: 'Neither party may leave the Indus Waters Treaty unilaterally.',
        evidence: { exact: 'has said that neither party may walk away from it alone' },
      },
      {
        source: { id: 'lahore-hydrologist', name: 'A hydrologist in Lahore', type: 'person' },
        kind: 'direct',
        verb: 'put it',
        claim: 'A treaty is only as strong as the data behind it.',
        evidence: { exact: 'a treaty is only as strong as the data behind it.' },
      },
      {
        source: { id: 'government-of-india', name: 'Government of India', type: 'organization', actor: 'india' },
        kind: 'indirect',
        verb: 'says',
        claim: 'The Indus Waters Treaty is in abeyance.',
        evidence: { exact: 'New Delhi now says it is "in abeyance"' },
      },
    ],
    ...overrides,
  };
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
