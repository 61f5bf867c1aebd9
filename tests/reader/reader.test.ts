// The assisted reader on short texts written for each hard case, and its drafts through the real
// ingest validation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { CodePoints, resolveAnchor } from '../../src/ingest/anchors.js';
import { sliceCodePoints } from '../helpers/text.js';
import { validateIngestDocument } from '../../src/ingest/validate.js';
import { writeOne } from '../../src/store/sqlite/writer.js';
import { ingestSchemas, type IngestDocument } from '../../src/schemas/ingest.js';
import { commonSchemas } from '../../src/schemas/common.js';
import { seedFolder } from '../../src/paths.js';
import {
  Analysis,
  AnalyzeRequest,
  readerSchemas,
  ReaderInputTooLarge,
  ReaderTimeout,
  candidateNames,
  readEditorial,
  toDraft,
  type KnownActor,
  type Reading,
} from '../../src/reader/index.js';

const read = (body: string, home = 'kenya') => readEditorial({ body, home });
const nameOf = (reading: Reading, id: string) => reading.actors.find((a) => a.id === id)?.name ?? id;
const recs = (reading: Reading) => reading.recommendations.map((r) => ({ exact: r.evidence.exact, to: nameOf(reading, r.addressee), strength: r.strength }));

describe('recommendations', () => {
  it('reads "must have" with an irregular participle as epistemic', () => {
    expect(read('The news must have felt like a door shut in their faces. They must surely have understood the warnings.').recommendations).toEqual([]);
  });

  it('gives a passive or nominal subject to the home state', () => {
    const r = read('Border crossings should be reopened within a month. Water rationing must end.');
    expect(recs(r)).toEqual([
      { exact: 'Border crossings should be reopened within a month', to: 'Kenya', strength: 'should' },
      { exact: 'Water rationing must end', to: 'Kenya', strength: 'must' },
    ]);
  });

  it('gives a passive with a named agent to the agent', () => {
    const r = read('The Senate has been silent for too long. Governors who cannot account for the money ought to be summoned by the Senate.');
    expect(recs(r)).toEqual([{ exact: expect.stringContaining('ought to be summoned by the Senate'), to: 'Senate', strength: 'should' }]);
  });

  it('resolves "it" and "they" to the actor a previous sentence was about', () => {
    const r = read(
      'The Treasury has sat on the drought fund for four months. It must release the money this week. ' +
        'Opposition parties walked out of the talks in June. They should return to the table.',
    );
    expect(recs(r).map((x) => x.to)).toEqual(['Treasury', 'Opposition parties']);
  });

  it('resolves "he" to the last person named', () => {
    const r = read('Finance Minister John Mbadi promised the money by March. He should keep that promise.');
    expect(recs(r)).toEqual([{ exact: 'He should keep that promise', to: 'John Mbadi', strength: 'should' }]);
  });

  it('gives "it" after advice on a thing to the same addressee as that advice', () => {
    const r = read('Engagement with Uganda should continue, but it must be firm.');
    expect(recs(r)).toEqual([
      { exact: 'Engagement with Uganda should continue', to: 'Kenya', strength: 'should' },
      { exact: 'it must be firm', to: 'Kenya', strength: 'must' },
    ]);
  });

  it('gives "we" to the home state', () => {
    expect(recs(read('We must stop treating the north as an afterthought.'))).toEqual([
      { exact: 'We must stop treating the north as an afterthought', to: 'Kenya', strength: 'must' },
    ]);
  });

  it('leaves out questions, epistemic modals, conditionals and "it must be said"', () => {
    const r = read(
      'Should the government not act now? There must have been a leak. The contractors must have known. ' +
        'Should the rains fail again, the damage will be severe. It must be acknowledged that nobody controls the weather. ' +
        'Rain, it must be said, is not a novelty. We have to wonder who signed the contracts. The minister should be ashamed.',
    );
    expect(r.recommendations).toEqual([]);
  });

  it('leaves out advice reported from others, which is a quotation', () => {
    const r = read('Some analysts argue that the central bank should cut rates. We disagree.');
    expect(r.recommendations).toEqual([]);
    expect(r.quotations.map((q) => [q.source.name, q.verb, q.evidence.exact])).toEqual([
      ['Analysts', 'argue', 'the central bank should cut rates'],
    ]);
  });

  it('reads a list of imperatives as one recommendation each', () => {
    const r = read('Stop the excuses, release the funds, and let the herders drink.');
    expect(recs(r)).toEqual([
      { exact: 'Stop the excuses', to: 'Kenya', strength: 'must' },
      { exact: 'release the funds', to: 'Kenya', strength: 'must' },
      { exact: 'let the herders drink', to: 'Kenya', strength: 'must' },
    ]);
  });

  it('gives "let X act" to X when X is a body, not when X benefits', () => {
    const r = read('Galway County Council owns land for 600 homes. Let the council build on it.');
    expect(recs(r)).toEqual([{ exact: 'Let the council build on it', to: 'Galway County Council', strength: 'must' }]);
  });

  it('gives coordinated subjects to the first, and "we urge X to" to X', () => {
    const r = read('The police and the anti-corruption agency must work together. We urge Parliament to pass the whistleblower law.');
    expect(recs(r)).toEqual([
      { exact: 'The police and the anti-corruption agency must work together', to: 'Police', strength: 'must' },
      { exact: 'We urge Parliament to pass the whistleblower law', to: 'Parliament', strength: 'should' },
    ]);
    expect(r.recommendations[0]!.alternatives?.map((a) => nameOf(r, a.addressee))).toContain('Anti-corruption agency');
  });

  it.each([
    ['The ministry must act.', 'must'],
    ['The ministry needs to act.', 'must'],
    ['The ministry has to act.', 'must'],
    ['Such abuse cannot be tolerated.', 'must'],
    ['The moment demands a united stance.', 'must'],
    ['The ministry must not delay.', 'must'],
    ['The ministry should act.', 'should'],
    ['The ministry ought to act.', 'should'],
    ['It is time for the ministry to act.', 'should'],
    ['The ministry would do well to act.', 'should'],
    ['The ministry would be wise to act.', 'should'],
    ['There is an urgent need for a new law.', 'must'],
    ['Nor should the ministry be left to act alone.', 'should'],
    ['The ministry could consider a levy.', 'could'],
    ['The ministry might consider a levy.', 'could'],
    ['The ministry may want to consider a levy.', 'could'],
  ])('reads the strength of %s as %s', (body, strength) => {
    expect(read(body).recommendations.map((r) => r.strength)).toEqual([strength]);
  });

  it('does not take a prediction with "could" for advice', () => {
    expect(read('The outcome could be very different. Escalation could lead to war.').recommendations).toEqual([]);
  });
});

describe('recommendations: frames that name who acts', () => {
  it('finds "it falls to X to", "the onus is on X to", "X is urged to", "X has no choice but to" and "what is needed is"', () => {
    const r = read(
      'The Treasury has delayed the drought funds again. It falls to the Treasury to release them this month. ' +
        'The onus is on the Senate to summon the cabinet secretary. The Water Resources Authority is urged to publish its borehole register. ' +
        'County governments have no choice but to ration water. What is needed is a plan that farmers can trust. ' +
        'Anyone who has stood in a queue for water must know the feeling.',
    );
    expect(recs(r)).toEqual([
      { exact: 'It falls to the Treasury to release them this month', to: 'Treasury', strength: 'should' },
      { exact: 'The onus is on the Senate to summon the cabinet secretary', to: 'Senate', strength: 'must' },
      { exact: 'The Water Resources Authority is urged to publish its borehole register', to: 'Water Resources Authority', strength: 'should' },
      { exact: 'County governments have no choice but to ration water', to: 'County governments', strength: 'must' },
      { exact: 'What is needed is a plan that farmers can trust', to: 'Kenya', strength: 'must' },
    ]);
  });

  it('gives imperatives with "your" to the collective just named, and skips proverbs and forecasts', () => {
    const r = read(
      'Readers can help too. Keep your receipts, and send copies to your MP. ' +
        'Better to be safe than sorry, as the saying goes. The new law could cut emissions by a third. It falls to reason that reform takes time.',
    );
    expect(recs(r)).toEqual([
      { exact: 'Keep your receipts', to: 'Readers', strength: 'must' },
      { exact: 'send copies to your MP', to: 'Readers', strength: 'must' },
    ]);
  });
});

describe('quotations', () => {
  it('gives a quotation split by its attribution as two, and a report to its author', () => {
    const r = read(
      '“The funds will be released,” the Treasury secretary, Jane Otieno, told senators, “as soon as the paperwork is done.” ' +
        'The Auditor General’s latest report found that a third of the money was unaccounted for. ' +
        'One farmer in Garissa put it plainly: “We cannot eat promises.”',
    );
    expect(r.quotations.map((q) => [q.evidence.exact, q.source.name, q.verb, q.kind])).toEqual([
      ['The funds will be released', 'Jane Otieno', 'told', 'direct'],
      ['as soon as the paperwork is done', 'Jane Otieno', 'told', 'direct'],
      ['a third of the money was unaccounted for', 'Auditor General', 'found', 'indirect'],
      ['We cannot eat promises', 'Farmer', 'put it', 'direct'],
    ]);
  });

  it('continues a quotation into a sentence that is only quoted words', () => {
    const r = read('“We are building a network for fifty years,” the minister told a hearing. “Nobody should judge it by the next fifty days.”');
    expect(r.quotations.map((q) => [q.evidence.exact, q.source.name, q.verb])).toEqual([
      ['We are building a network for fifty years', 'Minister', 'told'],
      ['Nobody should judge it by the next fifty days', 'Minister', 'told'],
    ]);
  });

  it('finds a direct quotation with the verb after it', () => {
    const r = read('“We will have the pumps working by June,” Water Minister Jane Otieno said on Monday.');
    expect(r.quotations).toMatchObject([
      { evidence: { exact: 'We will have the pumps working by June' }, source: { name: 'Jane Otieno', type: 'person' }, kind: 'direct', verb: 'said' },
    ]);
  });

  it('finds "according to" before and after the claim', () => {
    const r = read(
      'According to the World Bank, poverty rose by a tenth last year. Rents have doubled since 2020, according to the Central Statistics Office.',
    );
    expect(r.quotations.map((q) => [q.source.name, q.verb, q.kind, q.evidence.exact])).toEqual([
      ['World Bank', 'according to', 'indirect', 'poverty rose by a tenth last year'],
      ['Central Statistics Office', 'according to', 'indirect', 'Rents have doubled since 2020'],
    ]);
  });

  it('takes the quoted words of a reported statement as a direct quotation', () => {
    const r = read('The cabinet secretary, Mr Daniel Kiprop, told senators that the release was "waiting on the final paperwork."');
    expect(r.quotations).toMatchObject([{ source: { name: 'Daniel Kiprop' }, kind: 'direct', verb: 'told', evidence: { exact: 'waiting on the final paperwork' } }]);
    expect(r.actors.find((a) => a.name === 'Daniel Kiprop')?.aliases).toContain('cabinet secretary');
  });

  it('finds a quotation after a colon, a verb after "As X has", and a quotation split by its attribution', () => {
    const r = read(
      'The chief negotiator, Maria Lund, was equally blunt: "Access is not negotiable." ' +
        'As the International Council for the Exploration of the Sea has pointed out, cod stocks are at their lowest level in a generation. ' +
        '"We will not trade away our coastal communities," the fisheries minister, Tom Hale, told the Commons. "But we are ready to talk," he added.',
    );
    expect(r.quotations.map((q) => [q.source.name, q.verb, q.kind])).toEqual([
      ['Maria Lund', 'was equally blunt', 'direct'],
      ['International Council for the Exploration of the Sea', 'pointed out', 'indirect'],
      ['Tom Hale', 'told', 'direct'],
      ['Tom Hale', 'added', 'direct'],
    ]);
  });

  it('finds reported words attributed at the end of the sentence, without quotation marks', () => {
    const r = read('Inflation will return to target by June, the central bank’s governor, Richard Byles, said on Tuesday. Supply chains are still fragile, economists warn.');
    expect(r.quotations.map((q) => [q.evidence.exact, q.source.name, q.verb, q.kind])).toEqual([
      ['Inflation will return to target by June', 'Richard Byles', 'said', 'indirect'],
      ['Supply chains are still fragile', 'Economists', 'warn', 'indirect'],
    ]);
  });

  it('finds "in the words of" and "as X put it"', () => {
    const r = read(
      'In the words of its chairperson, Dr Meenakshi Rao, “stubble fires account for a third of the pollution.” ' +
        'As the court put it in its order, “the right to breathe clean air cannot be seasonal.”',
    );
    expect(r.quotations.map((q) => [q.verb, q.kind])).toEqual([
      ['in the words of', 'direct'],
      ['put it', 'direct'],
    ]);
    expect(r.quotations[0]!.source.name).toBe('Meenakshi Rao');
  });

  it('finds a later quotation after "in the words of", "by its own admission", "puts ... at", and two speakers in one sentence', () => {
    const r = read(
      'In the words of one Lamu boat owner, the promises now arrive “more reliably than the boats do.” ' +
        'One of them, the Coast Water Board, by its own admission, has never tested its meters. ' +
        'The Kenya Medical Association puts the number of patients for every doctor at nearly 9,000. ' +
        'The Coast Traders Union has called for the levy to be scrapped, and its chairman, Omar Said, told this newspaper that traders “are paying for a war they never declared.”',
    );
    expect(r.quotations.map((q) => [q.verb, q.source.name, q.evidence.exact])).toEqual([
      ['in the words of', 'Lamu boat owner', 'more reliably than the boats do'],
      ['by its own admission', 'Coast Water Board', 'has never tested its meters'],
      ['puts', 'Kenya Medical Association', 'the number of patients for every doctor at nearly 9,000'],
      ['called for', 'Coast Traders Union', 'the levy to be scrapped'],
      ['told', 'Omar Said', 'are paying for a war they never declared'],
    ]);
  });
});

describe('actors', () => {
  it('finds states by name, capital and "demonym + state", and acronyms', () => {
    const r = read('Nairobi and Kampala have quarrelled again. The Kenyan government blames the IEBC, and the Ugandan state blames Kenya.');
    const kenya = r.actors.find((a) => a.id === 'kenya')!;
    expect(kenya.aliases).toEqual(expect.arrayContaining(['Nairobi', 'Kenyan government']));
    expect(r.actors.find((a) => a.id === 'uganda')!.aliases).toEqual(expect.arrayContaining(['Kampala', 'Ugandan state']));
    expect(r.actors.find((a) => a.name === 'IEBC')).toMatchObject({ type: 'organization', rule: 'acronym' });
  });

  it('links an acronym to the name whose initials it is', () => {
    const r = read('The Independent National Electoral Commission has failed. INEC must publish an audit.');
    expect(r.actors.find((a) => a.name === 'Independent National Electoral Commission')?.aliases).toContain('INEC');
    expect(recs(r).map((x) => x.to)).toEqual(['Independent National Electoral Commission']);
    const loose = read('The Kenya Bureau of Standards confirmed the fraud. KEBS must test every consignment.');
    expect(loose.actors.find((a) => a.name === 'Kenya Bureau of Standards')?.aliases).toContain('KEBS');
  });

  it('finds bodies after a titled person, with a list or "ng" in their name, and offices like the Auditor-General', () => {
    const r = read(
      'Justice Amina Okello of the Kenya Court of Appeal ruled in May. According to the Ministry of Business, Innovation and Employment, prices rose. ' +
        'The Bangko Sentral ng Pilipinas warned in June. The Auditor-General found that the money was lost.',
    );
    const names = r.actors.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Amina Okello', 'Kenya Court of Appeal', 'Ministry of Business, Innovation and Employment', 'Bangko Sentral ng Pilipinas', 'Auditor-General']));
    expect(r.actors.find((a) => a.name === 'Auditor-General')?.type).toBe('institution');
    expect(r.quotations.find((q) => q.verb === 'according to')?.source.name).toBe('Ministry of Business, Innovation and Employment');
  });

  it('never makes a person of a run ending in a body word, and finds a home the gazetteer lacks as "<its> Government"', () => {
    const r = readEditorial({ body: 'Transport Scotland has failed the islands. The Scottish Government must order new ferries.', home: 'scotland' });
    expect(r.actors.find((a) => a.name === 'Transport Scotland')?.type).not.toBe('person');
    expect(recs(r)).toEqual([{ exact: expect.stringContaining('The Scottish Government must order new ferries'), to: 'Scottish Government', strength: 'must' }]);
    expect(readEditorial({ body: 'Islanders ought to have a real voice in how the routes are run.', home: 'kenya' }).recommendations[0]?.addressee).toBe('kenya');
  });

  it('finds a titled person with the surname as an alias', () => {
    const r = read('President William Ruto spoke on Monday. Ruto said little.');
    expect(r.actors.find((a) => a.name === 'William Ruto')).toMatchObject({ type: 'person', aliases: expect.arrayContaining(['Ruto', 'President Ruto']) });
  });
});

describe('evidence', () => {
  it('slices the body exactly in code points, with a prefix or suffix only for repeated words', () => {
    const body = '🌧️ The rains failed. The government must act. Farmers 🐄 are waiting. The government must act.\n\nFarmers cannot wait.';
    const r = read(body);
    const points = new CodePoints(body);
    const all = [...r.recommendations.map((x) => x.evidence), ...r.actors.flatMap((a) => (a.evidence ? [a.evidence] : []))];
    expect(r.recommendations).toHaveLength(2);
    for (const e of all) {
      expect(sliceCodePoints(body, e.start, e.end)).toBe(e.exact);
      const repeated = body.indexOf(e.exact) !== body.lastIndexOf(e.exact);
      expect(repeated).toBe(e.prefix !== undefined || e.suffix !== undefined);
      expect(resolveAnchor(points, e)).toEqual({ ok: true, span: { start: e.start, end: e.end } });
    }
  });
});

describe('time and size', () => {
  it('throws ReaderTimeout once the deadline has passed', () => {
    expect(() => readEditorial({ body: 'The government must act.' }, { deadline: Date.now() - 1 })).toThrow(ReaderTimeout);
  });

  it('stops a long text at the deadline', () => {
    const body = 'The ministry must publish the audit, and it should name the vendors. '.repeat(4000);
    const started = Date.now();
    expect(() => readEditorial({ body, home: 'kenya' }, { deadline: started + 50 })).toThrow(ReaderTimeout);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a body longer than an ingest document may hold', () => {
    expect(() => readEditorial({ body: 'a'.repeat(600_000) })).toThrow(ReaderInputTooLarge);
  });
});

describe('drafts through the ingest validation', () => {
  const seed = JSON.parse(readFileSync(join(seedFolder, '2026-01-10-anti-terrorism-fight.json'), 'utf8')) as IngestDocument;

  function registry(...docs: IngestDocument[]) {
    const connection = openDatabase(':memory:');
    migrateDatabase(connection);
    for (const doc of docs) writeOne(connection.db, validateIngestDocument(doc), 'create');
    return connection;
  }

  it('writes the draft of the seed editorial, and the analysis fits its schemas', () => {
    const input = { body: seed.body, headline: seed.headline, publication: { id: 'dawn', name: 'Dawn' }, datePublished: seed.datePublished, home: 'pakistan' };
    const reading = readEditorial(input);
    const analysis = toDraft(reading, input, []);
    const { draft } = analysis;
    const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const schema of [...commonSchemas, ...ingestSchemas, ...readerSchemas]) ajv.addSchema(schema);
    expect(ajv.validate(AnalyzeRequest.$id!, input), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validate(Analysis.$id!, analysis), JSON.stringify(ajv.errors)).toBe(true);
    expect(draft.recommendations.length).toBeGreaterThanOrEqual(7);
    expect(new Set(draft.recommendations.map((r) => r.priority)).size).toBe(draft.recommendations.length);
    const { db } = registry();
    expect(writeOne(db, validateIngestDocument(draft), 'create').outcome).toBe('created');
  });

  it('proposes actors the registry knows under their registry id, name and type', () => {
    const { db, sqlite } = registry(seed);
    const body =
      'Islamabad and Beijing signed a trade pact last week. The International Crisis Group notes that the deal is thin. ' +
      'The Pakistani state must publish its terms, and China should explain the loans.';
    const input = { body, home: 'pakistan', publication: { id: 'dawn', name: 'Dawn' }, datePublished: '2026-03-01' };
    const reading = readEditorial(input);
    const wanted = new Set(candidateNames(reading).map((n) => n.toLowerCase()));
    const known = (sqlite.prepare('SELECT id, name, type, aliases FROM actors').all() as Array<{ id: string; name: string; type: string; aliases: string }>)
      .map((a) => ({ ...a, aliases: JSON.parse(a.aliases) as string[] }) as KnownActor)
      .filter((a) => [a.name, ...a.aliases].some((n) => wanted.has(n.toLowerCase())));
    const { draft } = toDraft(reading, input, known);
    expect(draft.actors.find((a) => a.id === 'pakistan')).toMatchObject({ name: 'Pakistan', type: 'state' });
    expect(draft.actors.find((a) => a.id === 'international-crisis-group')).toBeDefined();
    expect(draft.headline).toBe('Islamabad and Beijing signed a trade pact last week.');
    expect(writeOne(db, validateIngestDocument(draft), 'create').outcome).toBe('created');
  });

  it('gives a new actor another id when the registry uses its id for someone else', () => {
    const { db } = registry(seed);
    const body = 'The Treasury has sat on the fund. It must release the money. Some MPs have argued that the fund should be closed.';
    const input = { body, home: 'kenya', publication: { id: 'the-ledger', name: 'The Ledger' }, datePublished: '2026-03-02' };
    const reading = readEditorial(input);
    const known: KnownActor[] = [{ id: 'treasury', name: 'Treasury Board of Canada', type: 'institution', aliases: [] }];
    const { draft } = toDraft(reading, input, known);
    const treasury = draft.actors.find((a) => a.name === 'Treasury')!;
    expect(treasury.id).not.toBe('treasury');
    expect(draft.recommendations[0]!.addressee).toBe(treasury.id);
    expect(writeOne(db, validateIngestDocument(draft), 'create').outcome).toBe('created');
  });
});

describe('any text', () => {
  // Editorial-like sentences from fragments that exercise every rule, shuffled by fast-check:
  // whatever the reader makes of them, its anchors slice the body and its draft is written.
  const fragments = [
    'The Treasury must release the funds',
    'It should publish the audit',
    '“We will not back down,” the minister, Jane Achieng, said',
    'According to the World Bank, poverty rose',
    'Some MPs have argued that the fund should close',
    'Kenya’s government needs to act 🌍',
    'Should the rains fail, farmers will suffer',
    'There must have been a leak',
    'Let the council build',
    'The Independent Electoral and Boundaries Commission (IEBC) ought to resign',
    'Is it too much to ask?',
    'Nairobi and Kampala could talk',
    '‘Nothing is settled,’ he told Parliament',
  ];
  it('anchors every candidate and writes every draft', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: fragments.length - 1 }), { minLength: 1, maxLength: 14 }), fc.boolean(), (picks, paragraphs) => {
        const body = picks.map((i) => `${fragments[i]}.`).join(paragraphs ? '\n\n' : ' ');
        const input = { body, home: 'kenya', publication: { id: 'the-ledger', name: 'The Ledger' }, datePublished: '2026-04-01' };
        const reading = readEditorial(input);
        const points = new CodePoints(body);
        for (const e of [...reading.recommendations, ...reading.quotations].map((x) => x.evidence)) {
          expect(sliceCodePoints(body, e.start, e.end)).toBe(e.exact);
          expect(resolveAnchor(points, e)).toEqual({ ok: true, span: { start: e.start, end: e.end } });
        }
        const { db } = (() => {
          const connection = openDatabase(':memory:');
          migrateDatabase(connection);
          return connection;
        })();
        expect(writeOne(db, validateIngestDocument(toDraft(reading, input, []).draft), 'create').outcome).toBe('created');
      }),
      { numRuns: 40 },
    );
  });
});
