// An ingest document that is not the seed: OpenAPI's request example and the tests' second editorial.
const INDUS_BODY =
  'The Indus Waters Treaty has survived three wars, yet New Delhi now says it is "in abeyance". ' +
  'The World Bank, which brokered the 1960 accord, has said that neither party may walk away from it alone. ' +
  'Pakistan cannot match India upstream, and it should not try to. ' +
  'Islamabad must take the dispute to the Permanent Court of Arbitration and keep the neutral expert process alive. ' +
  'India, for its part, should resume the sharing of flood data before the monsoon, because farmers on both sides will pay for silence. ' +
  'Provincial governments could also fix the canals that lose a third of the water they carry. ' +
  'As one hydrologist in Lahore put it, "a treaty is only as strong as the data behind it." ' +
  'Water must not become a weapon.';

/**
 * A realistic op-ed from another publication, sharing one actor (pakistan) with the seed, described
 * exactly as the seed describes it so that either loads beside the other (tests/seed.test.ts): the
 * request example of the write operations, and a test fixture that is not the seed. Untyped here
 * (the IngestDocument schema that shows it cannot also type it); tests/helpers/fixtures.ts types it.
 */
export const INDUS_OP_ED = {
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
    {
      id: 'pakistan',
      name: 'Pakistan',
      type: 'state',
      // As the seed describes it: either can be loaded first.
      description: 'The Islamic Republic of Pakistan, its government and state institutions.',
      aliases: ['Islamabad', 'Pakistani state'],
      roles: ['addressee', 'subject'],
      portrayal: 'neutral',
    },
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
};
