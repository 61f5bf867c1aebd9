// Recommendations: what the paper itself urges, one per clause. A clause qualifies when it holds
// a deontic modal or an imperative in the paper's own voice; epistemic modals, questions,
// conditionals, "it must be said" and advice reported from others do not. The addressee is the
// clause's subject when that is an actor (through pronouns and anaphors), the agent of a passive
// ("summoned by the Senate"), and otherwise the paper's home state.
import type { ActorRecord, Mention } from './actors.js';
import { DETERMINERS, Discourse, subjectPhrase, type Resolution } from './discourse.js';
import { guessDomain } from './domains.js';
import { checkDeadline } from './errors.js';
import type { Anchorer } from './evidence.js';
import type { Sentence, Token } from './nlp.js';
import { quotedRegions } from './quotes-marks.js';
import type { RecommendationCandidate } from './reader.schemas.js';
import type { Strength } from './types.js';

interface Trigger {
  re: RegExp;
  strength: Strength;
  rule: string;
  /**
   * Where the one who has to act is named: `after` right after the frame ("It falls to the
   * Treasury to ...", "The onus is on KCCA to ..."); `none` nowhere in the clause ("What is needed
   * is ...", "There is a strong case for ..."): the actor the paragraph is about, or the home state.
   * Unset: the clause's subject, as for a modal.
   */
  slot?: 'after' | 'none';
  /** Only where the clause begins ("Better to fund the crews"). */
  clauseStart?: boolean;
}

/** Deontic markers, each with the strength its modal carries. Negation does not change it. */
const TRIGGERS: Trigger[] = [
  // Frames that name the actor after them.
  { re: /\bthe onus (?:is|lies|now lies|falls|rests) (?:now |squarely |firmly |therefore )?(?:on|upon|with)\s/gi, strength: 'must', rule: 'onus-on', slot: 'after' },
  { re: /\bit is (?:now |therefore |surely )?incumbent (?:up)?on\s/gi, strength: 'must', rule: 'incumbent-on', slot: 'after' },
  { re: /\bit (?:now |therefore )?falls (?:to|on|upon)\s/gi, strength: 'should', rule: 'falls-to', slot: 'after' },
  { re: /\bit is (?:now |therefore |surely )?(?:up to|for)\s(?=[^,.;]{1,60}?\sto\s)/gi, strength: 'should', rule: 'up-to', slot: 'after' },
  { re: /\bit behoo?ves\s/gi, strength: 'should', rule: 'behoves', slot: 'after' },
  { re: /\bthe time has (?:now )?come for\s/gi, strength: 'should', rule: 'time-has-come', slot: 'after' },
  { re: /\bthere is (?:every|good|no) reason for\s/gi, strength: 'should', rule: 'every-reason', slot: 'after' },
  { re: /\bit would be (?:wise|sensible|prudent|better|best|right) for\s/gi, strength: 'should', rule: 'wise-for', slot: 'after' },
  { re: /\b(?:step|course|option|approach|answer|move|thing to do) (?:would be|is|will be) for\s/gi, strength: 'should', rule: 'course-for', slot: 'after' },
  { re: /\bthe least\s(?=[^,.;]{1,60}?\s(?:can|could) do(?: now)? is\b)/gi, strength: 'should', rule: 'least-can-do', slot: 'after' },
  { re: /\bthe sooner\s(?=[^,;]{3,160},\s+the better\b)/gi, strength: 'should', rule: 'sooner-the-better', slot: 'after' },
  { re: /\bwe (?:would |should |'d |’d )?(?:like|love|prefer|want) to see\s/gi, strength: 'should', rule: 'like-to-see', slot: 'after' },
  { re: /\bone (?:would|might|can only|must) hope that\s/gi, strength: 'could', rule: 'hope-that', slot: 'after' },
  { re: /\bwe (?:would |therefore |respectfully )?suggest that\s/gi, strength: 'could', rule: 'we-suggest', slot: 'after' },
  // Frames whose subject acts.
  { re: /\b(?:has|have) (?:no|little) (?:other )?(?:choice|option|alternative) (?:now )?but to\b/gi, strength: 'must', rule: 'no-choice-but' },
  { re: /\b(?:has|have) no excuse (?:for|not to)\b/gi, strength: 'must', rule: 'no-excuse' },
  { re: /\b(?:is|are) duty[- ]bound to\b/gi, strength: 'must', rule: 'duty-bound' },
  { re: /\bcannot (?:keep|go on|continue)(?=\s+\p{Ll}+ing\b)/giu, strength: 'must', rule: 'cannot-keep' },
  { re: /\b(?:is|are) (?:(?:strongly|therefore|again|also|hereby|now|urgently) )?(?:urged|advised|encouraged|called upon|enjoined|invited) to\b/gi, strength: 'should', rule: 'is-urged' },
  { re: /\bwould be (?:far |much )?better served by\b/gi, strength: 'should', rule: 'better-served' },
  { re: /\b(?:might|may|would) (?:want to |wish to |do well to )?think twice\b/gi, strength: 'could', rule: 'think-twice' },
  // Impersonal frames: the actor is implied.
  { re: /\bwhat (?:is|was) (?:now |really |most |urgently )?(?:needed|required)(?: now)? is\b/gi, strength: 'must', rule: 'what-is-needed', slot: 'none' },
  { re: /\bthere can be no question of\b/gi, strength: 'must', rule: 'no-question-of', slot: 'none' },
  { re: /\bthere (?:needs|has) to be\b/gi, strength: 'must', rule: 'there-needs', slot: 'none' },
  { re: /\b(?:a|the) (?:better|best|wiser|sensible|prudent|right|obvious|first|only) (?:course|step|approach|option|policy|path|answer|first step|thing|thing to do|way forward) (?:would be|is) to\b/gi, strength: 'should', rule: 'better-course', slot: 'none' },
  { re: /\bthere is (?:a |an )?(?:strong|clear|good|compelling|overwhelming|powerful|real) case(?:,\s*\w+,)? for\b/gi, strength: 'should', rule: 'strong-case', slot: 'none' },
  { re: /\bit would be (?:a |an )?(?:grave |serious |terrible |great |costly |big |historic )?(?:mistake|error|folly)(?:,\s*\w+,)? (?:\w+ )?to\b/gi, strength: 'should', rule: 'mistake-to', slot: 'none' },
  { re: /\b(?:is|are) (?:long |now |well |already |surely )?overdue\b/gi, strength: 'should', rule: 'overdue', slot: 'none' },
  { re: /^\s*(?:it is |it would be )?(?:far |much )?better to\b/gi, strength: 'should', rule: 'better-to', slot: 'none', clauseStart: true },
  { re: /\bmust(?:n[’']t)?\b/gi, strength: 'must', rule: 'modal-must' },
  { re: /\bneeds? to\b/gi, strength: 'must', rule: 'need-to' },
  { re: /\b(?:has|have) to\b/gi, strength: 'must', rule: 'have-to' },
  { re: /\bcannot (?:be (?:tolerated|allowed|ignored|accepted)|afford to)\b/gi, strength: 'must', rule: 'cannot-be' },
  { re: /\bit is (?:imperative|essential|vital|crucial)\b/gi, strength: 'must', rule: 'it-is-imperative' },
  { re: /\bthere is (?:an? )?(?:urgent |pressing |clear |real )?need (?:for|to)\b/gi, strength: 'must', rule: 'there-is-a-need' },
  { re: /\bdemands\b/gi, strength: 'must', rule: 'demands' },
  { re: /\bshould(?:n[’']t)?\b/gi, strength: 'should', rule: 'modal-should' },
  { re: /\bought(?:n[’']t)? to\b/gi, strength: 'should', rule: 'ought-to' },
  { re: /\bit is (?:high |about )?time\b/gi, strength: 'should', rule: 'it-is-time' },
  { re: /\bthe (?:real |only |best |right )?(?:answer|solution|remedy|way forward) (?:lies|lie) in\b/gi, strength: 'should', rule: 'answer-lies-in' },
  { re: /\bwould do well to\b/gi, strength: 'should', rule: 'would-do-well' },
  { re: /\bwould be (?:wise|well advised|well-advised) to\b/gi, strength: 'should', rule: 'would-do-well' },
  { re: /\bit is important (?:that|for|to (?!remember|note|recall|understand|recognise|recognize|stress|acknowledge))/gi, strength: 'should', rule: 'it-is-important' },
  { re: /\bwe (?:would |again |therefore )?(?:urge|call on|call upon|appeal to|implore|encourage)\b/gi, strength: 'should', rule: 'we-urge' },
  { re: /\bwe demand\b/gi, strength: 'must', rule: 'we-urge' },
  { re: /\b(?:may|might) (?:want|wish) to\b/gi, strength: 'could', rule: 'may-want-to' },
  { re: /\b(?:could|might)\b/gi, strength: 'could', rule: 'modal-could' },
];

/** Verbs after "could"/"might" that propose an action rather than predict an outcome. */
const ADVISORY_VERBS = new Set(
  ('consider want wish start begin try learn look explore use take make do help pay fund offer invest introduce adopt ' +
    'follow copy seek ask set create build hire train publish require impose ban raise lower cut give provide allow ' +
    'encourage support extend press convene share trim reduce expand open close release review reform replace push ' +
    'establish launch appoint tax charge subsidise subsidize test pilot reconsider revisit pause drop scrap restore ' +
    'waive lift remove exempt fast-track prioritise prioritize speed simplify streamline phase increase decrease ' +
    'audit summon question investigate inspect mandate guarantee promise pledge commit require oblige allocate earmark ring-fence negotiate partner hold host commission set up step learn borrow offer adopt insist').split(' '),
);
/** Verbs after "could"/"might" that forecast rather than propose ("could cost", "might backfire"). */
const PREDICTIVE_VERBS = /^(?:be|become|cost|mean|lead|cause|result|happen|prove|turn|end|fall|rise|drop|grow|hurt|harm|damage|undermine|trigger|spark|provoke|destabilise|destabilize|collapse|fail|lose|suffer|face|see|find|get|go|come|say|argue|think|feel|seem|appear|look|sound|explain|reach|exceed|top|double|halve|threaten|backfire|affect|wipe|push|drive|force|leave|kill|last|take|need|want|wish|like|expect|hope|worsen|deteriorate|escalate|spread|deepen|widen|delay|derail|jeopardise|jeopardize|erode|weaken|happen|occur|emerge|arise|return|recover|survive|win|benefit)$/i;

/** Participles after "could be" that make a proposal ("the rate could be raised"). */
const ADVISORY_PASSIVES = /^(?:raised|lowered|asked|introduced|used|extended|given|required|made|set|expanded|reduced|allocated|redirected|offered|trimmed|cut|banned|imposed|reformed|replaced|spent|shared|published|funded|paid|moved|trained|hired|tested|piloted|scrapped|restored|encouraged|redeployed|relaxed|tightened|eased|improved|strengthened|simplified|streamlined|doubled|fast-tracked|speeded|sped|settled|resolved|fixed|addressed|cleared|shortened|subsidised|subsidized|waived|lifted|capped|frozen)$/i;

/** Words after a modal that make it a statement about the world ("must have known", "it must be said"). */
const EPISTEMIC_AFTER = /^\s*(?:(?:also|still|well|surely|certainly|already|not)\s+)*(?:have\s+(?:been|had|known|\w+ed|\w+en|felt|understood|thought|made|heard|told|found|got|lost|left|met|said|sent|spent|taught|brought|bought|caught|kept|meant|read|won|seen|begun|become)\b|be\s+(?:said|noted|acknowledged|admitted|conceded|remembered|recognised|recognized|stressed|emphasised|emphasized|understood|added|pointed out|borne in mind|clear|obvious|true|tempting|wondering)\b|come as\b|go without saying)/i;

const REPORTING =
  /\b(?:argue[sd]?|say|says|said|suggest(?:s|ed)?|insist(?:s|ed)?|claim(?:s|ed)?|propose[sd]?|call(?:s|ed)? for|urge[sd]?|demand(?:s|ed)?|told|tells?|warn(?:s|ed)?|recommend(?:s|ed)?|believe[sd]?|think|thinks|want(?:s|ed)?|contend(?:s|ed)?|maintain(?:s|ed)?|float(?:s|ed)?|floating)\b/i;

/** Opening words of a conditional clause, whose modals state a condition, not advice. */
const CONDITIONAL = /^(?:if|unless|should|were|when|once|whether|as long as|provided|even if|in case)\b/i;

/** Openers that mark the clause the paper stresses most. */
const EMPHASIS = /\b(?:most importantly|above all|first and foremost|crucially|most urgently|the priority)\b/i;

export interface RecommendationContext {
  body: string;
  sentences: Sentence[];
  discourse: Discourse;
  anchor: Anchorer;
  /** Who implicit advice goes to: the home state, or the reader's best guess at it. */
  implicit: ActorRecord;
  deadline?: number;
}

interface Clause {
  start: number;
  end: number;
  /** Set for clauses cut out of an imperative list ("Stop the excuses, release the funds"). */
  imperativeList?: boolean;
}

export interface RecommendationDraft extends Omit<RecommendationCandidate, 'priority'> {
  /** Internal: emphasised in the text ("Most importantly"), for priorities. */
  emphasised: boolean;
}

export function findRecommendations(ctx: RecommendationContext): RecommendationDraft[] {
  const out: RecommendationDraft[] = [];
  const { body } = ctx;
  const quoted = quotedRegions(body);
  for (const sentence of ctx.sentences) {
    if (sentence.index % 50 === 0) checkDeadline(ctx.deadline);
    const clauses = splitClauses(sentence);
    const question = /\?["”’]?\s*$/.test(sentence.text);
    const sentenceRecs: RecommendationDraft[] = [];
    for (const clause of clauses) {
      noteClauseSubject(ctx, sentence, clause);
      if (question) continue;
      const found = recommendationIn(ctx, sentence, clause, quoted, sentenceRecs, out);
      if (found) {
        sentenceRecs.push(found);
        out.push(found);
      }
    }
  }
  return out;
}

/** Notes the actor a clause is about, so that a later "it" or "they" can find it. */
function noteClauseSubject(ctx: RecommendationContext, sentence: Sentence, clause: Clause): void {
  const verb = sentence.tokens.find((t) => t.start >= clause.start && t.end <= clause.end && (t.pos === 'VERB' || t.pos === 'AUX'));
  if (!verb) return;
  const np = subjectPhrase(ctx.body, clause.start, verb.start);
  if (!np.text || /^(?:it|they|this|that|he|she)$/i.test(np.text)) return;
  const r = ctx.discourse.resolve(np);
  if (r.actor && r.kind !== 'we') ctx.discourse.noteSubject(np.start, r.actor);
}

/**
 * Cuts a sentence where a new clause with its own subject may begin: semicolons, colons,
 * ", but", ", and", ", while", ", yet", and commas inside a list of imperatives.
 */
function splitClauses(sentence: Sentence): Clause[] {
  const text = sentence.text;
  const cuts: Array<{ at: number; list?: boolean }> = [];
  const re = /;\s+|:\s+|,\s+(?=(?:but|and|while|yet|whereas|so)\s)|\s+but\s+(?=(?:it|they|he|she|we|the|this|that|[A-Z])\b)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) cuts.push({ at: m.index + m[0].length });
  if (startsImperative(sentence, sentence.tokens[0])) {
    // "Stop the excuses, release the funds, and let the herders drink."
    const comma = /,\s+(?:and\s+)?/g;
    for (let m = comma.exec(text); m; m = comma.exec(text)) {
      const at = m.index + m[0].length;
      const token = sentence.tokens.find((t) => t.start === sentence.start + at);
      if (token && startsImperative(sentence, token)) cuts.push({ at, list: true });
    }
  }
  cuts.sort((a, b) => a.at - b.at);
  const clauses: Clause[] = [];
  let from = 0;
  let list = false;
  for (const cut of [...cuts, { at: text.length, list: false }]) {
    if (cut.at <= from) {
      list ||= !!cut.list;
      continue;
    }
    clauses.push({ start: sentence.start + from, end: sentence.start + cut.at, imperativeList: list });
    from = cut.at;
    list = !!cut.list;
  }
  return clauses;
}

/** Verbs an editorial uses in the imperative, whatever part of speech the tagger gives them. */
const IMPERATIVE_VERBS = new Set(
  ('stop start release publish test open fix fund give end make pay put act ban scrap build invest restore protect reform ' +
    'enforce cut raise appoint hold bring keep listen show spend hire train close clear move allow help ensure demand ' +
    'drop abolish resume reverse suspend halt protect punish prosecute sack fire honour respect talk negotiate act tell').split(' '),
);

/** A base-form verb opening a clause and followed by its object: "Publish the audit", "Let the council build". */
function startsImperative(sentence: Sentence, token: Token | undefined): boolean {
  if (!token) return false;
  const i = sentence.tokens.indexOf(token);
  const next = sentence.tokens[i + 1];
  if (!next) return false;
  if (token.lower === 'let') return !/^(?:us|'s|’s)$/i.test(next.lower);
  // "Do not squander ...", "Don't wait".
  if (token.lower === 'do' && /^(?:not|n't|n’t)$/.test(next.lower)) return /^\p{Ll}+$/u.test(sentence.tokens[i + 2]?.text ?? '');
  // "Go to the hearings", "Write to your MP": a verb of moving or addressing before "to".
  if (i === 0 && /^(?:go|come|write|speak|talk|turn|listen|reach|return|stick|vote)$/.test(token.lower) && /^(?:to|out|back|up)$/.test(next.lower)) return true;
  if (/^(?:who|which|that|whose|and|or|to|of|in|at|on|have|has|are|is|were|was|can|will|would)$/.test(next.lower)) return false;
  const known = IMPERATIVE_VERBS.has(token.lower);
  const base = token.lemma === token.lower && !/(?:ing|ed|s)$/.test(token.lower);
  const verbish = known || (token.pos === 'VERB' && base) || (token.pos === 'NOUN' && i > 0 && base);
  const objectFollows = ['DET', 'PRON', 'ADP', 'ADJ', 'NUM'].includes(next.pos) || (known && /ing$/.test(next.lower)) || (next.pos === 'NOUN' && token.pos === 'VERB');
  return verbish && objectFollows && !/^(?:imagine|consider|remember|note|see|look|take|say)$/.test(token.lower);
}

function recommendationIn(
  ctx: RecommendationContext,
  sentence: Sentence,
  clause: Clause,
  quoted: Array<[number, number]>,
  sentenceRecs: RecommendationDraft[],
  all: RecommendationDraft[],
): RecommendationDraft | undefined {
  const { body } = ctx;
  const text = body.slice(clause.start, clause.end);
  const trigger = findTrigger(ctx, sentence, clause, text, quoted);
  const clauseStartToken = sentence.tokens.find((t) => t.start >= clause.start && !/^(?:and|but|so|then)$/i.test(t.lower) && t.pos !== 'PUNCT');
  if (!trigger) {
    // "Then let the regulator do its job": a connector before the imperative.
    const opener = sentence.tokens.find((t) => t.pos !== 'PUNCT' && !/^(?:then|and|so|now|instead|finally|first|next|meanwhile|above all)$/i.test(t.lower));
    const sentenceImperative = startsImperative(sentence, opener);
    // "...; make sure it counts yours": an imperative clause after a semicolon or colon.
    const afterStop = /[;:]\s*$/.test(body.slice(sentence.start, clause.start)) && !!clauseStartToken && IMPERATIVE_VERBS.has(clauseStartToken.lower);
    const imperative =
      clause.imperativeList || (clauseStartToken && (sentenceImperative || afterStop) && startsImperative(sentence, clauseStartToken));
    if (!imperative || /["“]/.test(body.slice(sentence.start, clause.start))) return undefined;
    if (quoted.some(([qs, qe]) => clauseStartToken!.start >= qs && clauseStartToken!.start < qe)) return undefined;
    // "Walk into the ward ... and you will meet ...": a condition, not advice.
    if (/\band you(?:'ll|’ll| will| would| can| may)\b/i.test(sentence.text)) return undefined;
    return imperativeRecommendation(ctx, sentence, clause, clauseStartToken!, sentenceRecs, all);
  }
  const { at, strength, rule, length, slot } = trigger;
  // "This newspaper believes that the council should ...": the paper's own view; the council acts.
  const ownView = /^(?:.*\b(?:we|this newspaper|this paper)\s+(?:\w+\s+)?(?:believe|believes|think|thinks|argue|argues|say|says|insist|insists|suggest|suggests|hope|hopes|trust|trusts|feel|feels|maintain|maintains|contend|contends)\s+(?:that\s+)?)/i.exec(body.slice(clause.start, at));
  const subject = subjectPhrase(body, clause.start + (ownView ? ownView[0].length : 0), at);
  const after = body.slice(at + length, clause.end);
  // A passive, or a subject who only benefits ("Displaced families need to be able to go home",
  // "Islanders ought to have a real voice").
  const passive = /^\s*(?:(?:not|also|now|simply|still|only|never|then|first|urgently|properly|fully)\s+)*be\s+(?:able to\b|allowed to\b|\w+ed|\w+en|made|paid|held|set|put|kept|built|brought|bought|caught|sought|taught|told|shown|done|given|spent|met|run|cut|left|sent|lost|led|heard|found|read|shut|won|struck|thought|understood|dealt|felt|hit|let)\b/i.test(after) ||
    // "Islanders ought to have a real voice in ...": they are given it, someone else acts.
    /^\s*(?:(?:also|now|still|finally)\s+)*(?:have|get|receive)\s+(?:a|an|more|greater|some|their|the)\s+(?:\w+\s+)?(?:voice|say|seat|chance|stake|share|place)\b/i.test(after);

  let addressee: ActorRecord = ctx.implicit;
  let addresseeRule = 'implicit-home';
  let confidence = strength === 'could' ? 0.65 : 0.8;
  const alternatives: RecommendationCandidate['alternatives'] = [];

  // "It is time for New Delhi to ...", "It is imperative for the government to ..."
  const forTo = /^\s*(?:,\s*(?:too|also|then|surely|now|perhaps)\s*,\s*)?(?:that\s+|for\s+(.{1,80}?)\s+to\s+)/i.exec(after);
  // "We urge Congress to reclaim ...": the one urged acts.
  let subjectKind: string | undefined;
  const urged = rule === 'we-urge' ? /^\s*(?:that\s+)?(.{1,80}?)\s+(?:to\s|should\s|must\s|\w+s?\s)/i.exec(after) : null;
  if (slot === 'after') {
    // "It falls to the Treasury to ...", "The onus is on KCCA to ...", "for it to restore ...".
    const agent = agentAfter(ctx, sentence, at + length, clause.end);
    if (agent) {
      const r = resolveAgent(ctx, agent);
      const actor = r.actor ?? r.mentioned;
      // "we would suggest that the Public Defender be given ...": the one named only benefits.
      const benefits = /^\s*(?:should\s+)?be\s+(?:\w+ed|\w+en|given|made|paid|kept|told|shown|sent)\b/i.test(body.slice(agent.end, clause.end));
      if (actor && !benefits) {
        [addressee, addresseeRule] = [actor, `${rule}-${r.actor ? r.rule : 'named'}`];
        if (r.kind !== 'pronoun') ctx.discourse.noteSubject(agent.start, actor);
      } else if (actor) alternatives.push({ addressee: actor.id, confidence: 0.4, rule: 'beneficiary' });
      // "It falls to reason that ...", "It is up to you whether ...": nobody is being told to act.
      if (!actor && !/^(?:the|a|an|its|their|this|that|these|those|every|each|all|both)\s|^\p{Lu}/u.test(agent.text)) return undefined;
    } else return undefined;
  } else if (slot === 'none') {
    // "What is needed is ...", "There is a strong case for ...": nobody named.
  } else if (urged) {
    // "We urge the DOTr to ...", "We call on the Regional Houses of Chiefs to ...".
    const from = at + length + (/^\s*(?:that\s+)?/i.exec(after)?.[0].length ?? 0);
    const agent = agentAfter(ctx, sentence, from, clause.end);
    const r = agent ? resolveAgent(ctx, agent) : undefined;
    if (r?.actor) {
      [addressee, addresseeRule] = [r.actor, `urged-${r.rule}`];
      if (r.kind !== 'pronoun') ctx.discourse.noteSubject(agent!.start, r.actor);
    }
  } else if (rule === 'it-is-time' || rule === 'it-is-imperative' || rule === 'it-is-important' || rule === 'there-is-a-need') {
    const agent = forTo?.[1];
    if (agent) {
      const s = at + length + forTo[0].indexOf(agent);
      const r = ctx.discourse.resolve({ start: s, end: s + agent.length, text: agent }, { create: true });
      if (r.actor) [addressee, addresseeRule] = [r.actor, `it-is-time-for-${r.rule}`];
    } else {
      // "There is an urgent need for the council to ...", "It is essential that the regulator acts", "It is high time the Treasury released ...".
      const lead = /^\s*(?:,\s*\w+\s*,\s*)?(?:that\s+)?/i.exec(after)![0].length;
      const named = /for\s*$/i.test(body.slice(at, at + length)) || lead > 0 || rule === 'it-is-time' ? agentAfter(ctx, sentence, at + length + lead, clause.end) : undefined;
      const r = named && /^\S/.test(named.text) ? resolveAgent(ctx, named, false) : undefined;
      if (r?.actor && r.kind !== 'we') [addressee, addresseeRule] = [r.actor, `${rule}-that-${r.rule}`];
    }
  } else {
    // "ought to be summoned by the Senate", "should be made consistent ... by the national cabinet".
    const byAgent = passive ? /\bby\s+(?!\p{Ll}+ing\b)(?=(?:the\s+)?[\p{L}])/u.exec(after) : null;
    const agent = byAgent ? agentAfter(ctx, sentence, at + length + byAgent.index + byAgent[0].length, clause.end) : undefined;
    if (agent) {
      const r = resolveAgent(ctx, agent, false);
      if (r.actor && r.kind !== 'pronoun' && r.kind !== 'we') [addressee, addresseeRule] = [r.actor, 'passive-agent'];
    }
    if (addresseeRule === 'implicit-home') {
      const r = resolveSubject(ctx, subject, !passive);
      subjectKind = r.kind;
      const pronounPassive = passive && r.kind === 'pronoun';
      const prior = sentenceRecs[sentenceRecs.length - 1];
      const both = r.actor ? undefined : (coordinated(ctx, subject, passive) ?? namedBefore(ctx, sentence, subject.text));
      if (both) {
        // "The police and the anti-corruption agency must work together": the first acts, the other may.
        [addressee, addresseeRule] = [both[0]!, 'coordinated-subject'];
        for (const other of both.slice(1)) alternatives.push({ addressee: other.id, confidence: 0.4, rule: 'coordinated-subject' });
      } else if (r.kind === 'pronoun' && prior && /^it$/i.test(subject.text) && prior.rule.endsWith('implicit-home')) {
        // "Engagement should continue, but it must be firm": "it" is the engagement, advice to the same actor.
        [addressee, addresseeRule] = [ctx.discourse.actors.get(prior.addressee) ?? ctx.implicit, 'pronoun-nominal-clause'];
      } else if (r.actor && !pronounPassive && !(passive && r.kind !== 'we')) {
        [addressee, addresseeRule] = [r.actor, r.rule];
      } else if (r.actor && passive) {
        alternatives.push({ addressee: r.actor.id, confidence: 0.4, rule: 'passive-subject' });
      } else if (!r.actor && r.mentioned && r.mentioned.id !== ctx.implicit.id) {
        alternatives.push({ addressee: r.mentioned.id, confidence: 0.3, rule: 'mentioned-in-subject' });
      }
      if (r.kind === 'unknown' || (r.kind === 'pronoun' && !r.actor)) confidence -= 0.1;
      // "Magistrates could be stricter" proposes; "the outcome could be better" predicts.
      if (rule === 'modal-could' && !passive && !r.actor && /^\s*be\b/i.test(after)) return undefined;
    }
  }
  // A passive, a nominal subject or an impersonal frame: the actor the paragraph is about.
  const nobody = /^(?:no one|nobody|none|no-one)$/i.test(subject.text);
  if (addresseeRule === 'implicit-home' && !nobody && (slot === 'none' || passive || subjectKind === 'nominal' || subjectKind === 'unknown')) {
    const topic = paragraphTopic(ctx, sentence, all);
    if (topic && topic.id !== ctx.implicit.id && !alternatives.some((a) => a.addressee === topic.id && a.rule === 'passive-subject')) {
      if (alternatives.some((a) => a.addressee === topic.id)) alternatives.splice(alternatives.findIndex((a) => a.addressee === topic.id), 1);
      [addressee, addresseeRule] = [topic, 'paragraph-topic'];
      confidence -= 0.05;
    }
  }
  if (addressee.id !== ctx.implicit.id && !alternatives.some((a) => a.addressee === ctx.implicit.id)) {
    alternatives.push({ addressee: ctx.implicit.id, confidence: 0.3, rule: 'implicit-home' });
  }
  if (rule === 'demands') confidence = 0.6;
  if (rule === 'it-is-important') confidence = 0.65;
  const evidenceStart = clauseBodyStart(body, clause.start, at);
  return build(ctx, sentence, { start: evidenceStart, end: clause.end }, at + length, {
    addressee,
    addresseeRule,
    alternatives,
    strength,
    rule,
    confidence,
    subjectIsAddressee: addresseeRule !== 'implicit-home' && !passive,
  });
}

/** The words naming who acts after a frame: up to "to", a modal or the next verb. */
const AGENT_STOP = /^(?:to|should|must|could|might|would|will|can|may|shall|be|is|are|was|were|has|have|had|does|do|did|not|now|that|which|who|as|so|before|after|when|if|at|in|by|with|from|within|until|than)$/i;
function agentAfter(ctx: RecommendationContext, sentence: Sentence, from: number, to: number): Mention | undefined {
  let end = from;
  let n = 0;
  for (const t of sentence.tokens) {
    if (t.start < from) continue;
    if (t.start >= to) break;
    if (t.pos === 'PUNCT' && !/^[’']s?$/.test(t.text) && t.text !== '-') break;
    if (AGENT_STOP.test(t.lower)) break;
    if (n > 0 && (t.pos === 'VERB' || t.pos === 'AUX') && /^\p{Ll}/u.test(t.text) && !/^[’']s$/.test(t.text)) break;
    end = t.end;
    if (++n > 8) return undefined;
  }
  return end > from ? { start: from, end, text: ctx.body.slice(from, end) } : undefined;
}

/**
 * Resolves the one named after a frame: the longest opening words that name a known actor ("the
 * ministry" in "the ministry funds attendance officers"), else a body or name made for it.
 */
function resolveAgent(ctx: RecommendationContext, agent: Mention, create = true): Resolution {
  const words = [...agent.text.matchAll(/\S+/g)];
  const full = ctx.discourse.resolve(agent);
  if (full.actor) return full;
  // "Parliament's infrastructure committee": the body itself, not its owner.
  if (BODY_HEAD.test(words[words.length - 1]?.[0] ?? '')) {
    const named = namedAgent(ctx, agent);
    if (named) return { kind: 'actor', actor: named, rule: named.rule };
  }
  for (let n = words.length - 1; n >= 1; n--) {
    const w = words[n - 1]!;
    const end = agent.start + w.index + w[0].length;
    const r = ctx.discourse.resolve({ start: agent.start, end, text: ctx.body.slice(agent.start, end) });
    if (r.actor) return r;
  }
  const named = namedAgent(ctx, agent);
  if (named) return { kind: 'actor', actor: named, rule: named.rule };
  return create ? ctx.discourse.resolve(agent, { create: true }) : { kind: 'unknown', rule: 'agent-unresolved' };
}

/** Heads of the bodies an agent phrase may name without a capital ("the national cabinet", "Parliament's infrastructure committee"). */
const BODY_HEAD = /^(?:committee|council|councils|cabinet|board|boards|authority|authorities|commission|ministry|department|agency|government|assembly|court|courts|tribunal|regulator|office|service|bureau|corporation|municipality|municipalities|police|army|parliament|senate|legislature|treasury|inspectorate|directorate)$/i;

/** An agent no rule resolved: a capitalised name ("the DOTr", "Mantralaya") or a body by its noun. */
function namedAgent(ctx: RecommendationContext, agent: Mention): ActorRecord | undefined {
  const text = agent.text.replace(DETERMINERS, '').replace(/^\S+[’']s\s+(?:own\s+)?/, '').trim();
  if (!text || /^(?:it|they|them|this|that|us|we|you|everyone|everybody)$/i.test(text)) return undefined;
  const words = text.split(/\s+/);
  const head = words[words.length - 1]!;
  const at = { start: agent.end - text.length, end: agent.end, text };
  if (BODY_HEAD.test(head)) return ctx.discourse.create(text, 'institution', at, 'agent-body');
  if (/^\p{Lu}/u.test(text) && words.length <= 6) return ctx.discourse.create(text, 'organization', at, 'agent-name');
  return undefined;
}

/** "Its managers should ...": the body the possessive points back to; "X, the body that ..., ought to": X. */
function resolveSubject(ctx: RecommendationContext, subject: Mention, create: boolean) {
  const owned = /^(?:its|their)\s+(?:own\s+)?(?:managers|officials|officers|staff|leaders|leadership|bosses|board|executives|directors|inspectors|engineers|members|chiefs|spokes(?:man|woman|person)|management|administrators)$/i.exec(subject.text);
  if (owned) {
    const pronoun = /^its/i.test(subject.text) ? 'it' : 'they';
    const r = ctx.discourse.resolve({ start: subject.start, end: subject.start + 3, text: pronoun });
    if (r.actor) return r;
  }
  return ctx.discourse.resolve(subject, { create });
}

/** The body the paragraph's advice so far went to by name ("The agency has to settle ... Spare parts ought to be bought"). */
function paragraphTopic(ctx: RecommendationContext, sentence: Sentence, all: RecommendationDraft[]): ActorRecord | undefined {
  const first = ctx.sentences.find((s) => s.paragraph === sentence.paragraph) ?? sentence;
  const prior = all[all.length - 1];
  if (!prior || prior.evidence.start < first.start || /(?:implicit-home|paragraph-topic|imperative-home|imperative-continues)$/.test(prior.rule)) return undefined;
  const actor = ctx.discourse.actors.get(prior.addressee);
  return actor && actor.type !== 'group' && actor.type !== 'person' ? actor : undefined;
}

/** The actors of a subject made of two or more ("X and Y"), or undefined when it is not one. */
function coordinated(ctx: RecommendationContext, subject: { start: number; end: number; text: string }, passive: boolean): ActorRecord[] | undefined {
  if (passive || !/\s(?:and|&)\s/.test(subject.text)) return undefined;
  const actors: ActorRecord[] = [];
  let offset = 0;
  for (const part of subject.text.split(/(\s(?:and|&)\s|,\s)/)) {
    if (part && !/^(?:\s(?:and|&)\s|,\s)$/.test(part)) {
      const start = subject.start + offset;
      const r = ctx.discourse.resolve({ start, end: start + part.length, text: part }, { create: true });
      if (r.actor && !actors.includes(r.actor)) actors.push(r.actor);
    }
    offset += part.length;
  }
  return actors.length ? actors : undefined;
}

/** "Both should do so": the actors the sentence before named ("Neither the ruling party nor the opposition ..."). */
function namedBefore(ctx: RecommendationContext, sentence: Sentence, subject: string): ActorRecord[] | undefined {
  if (!/^(?:both|each|both of them|each of them|all of them|either)$/i.test(subject)) return undefined;
  const previous = ctx.sentences[sentence.index - 1];
  if (!previous) return undefined;
  const actors = [...new Set(ctx.discourse.actors.within(previous.start, previous.end).map((m) => m.actor))].filter((a) => a.confidence > 0);
  return actors.length >= 2 ? actors : undefined;
}

/** Where a clause's own words begin: after a leading "and" or "but". */
function clauseBodyStart(body: string, start: number, limit: number): number {
  const m = /^\s*(?:and|but|so|yet|while|whereas)\s+/i.exec(body.slice(start, limit));
  return m ? start + m[0].length : start;
}

interface TriggerHit {
  at: number;
  length: number;
  strength: Strength;
  rule: string;
  slot?: Trigger['slot'];
}

function findTrigger(
  ctx: RecommendationContext,
  sentence: Sentence,
  clause: Clause,
  text: string,
  quoted: Array<[number, number]>,
): TriggerHit | undefined {
  const hits: TriggerHit[] = [];
  for (const t of TRIGGERS) {
    t.re.lastIndex = 0;
    for (let m = t.re.exec(text); m; m = t.re.exec(text)) {
      const at = clause.start + m.index;
      if (hits.some((h) => at >= h.at && at < h.at + h.length)) continue;
      if (acceptTrigger(ctx, sentence, clause, t, at, m[0], quoted)) hits.push({ at, length: m[0].length, strength: t.strength, rule: t.rule, ...(t.slot ? { slot: t.slot } : {}) });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  return hits[0];
}

function acceptTrigger(
  ctx: RecommendationContext,
  sentence: Sentence,
  clause: Clause,
  trigger: Trigger,
  at: number,
  word: string,
  quoted: Array<[number, number]>,
): boolean {
  const { body } = ctx;
  if (quoted.some(([s, e]) => at >= s && at < e)) return false;
  const before = body.slice(clause.start, at);
  const beforeInSentence = body.slice(sentence.start, at);
  const after = body.slice(at + word.length, clause.end);
  const prevWord = (/(\S+)\s*$/.exec(before)?.[1] ?? '').toLowerCase();

  // "there must be", "what should alarm", "money that should go", "would still have to"
  const demonstrative = /^(?:that|this)$/.test(prevWord) && !before.trim().replace(/^(?:and|but|so)\s+/i, '').includes(' ');
  if (/^(?:there|what|which|that|who|whom|whose|where|would|might|could|may|will|to)$/.test(prevWord) && !demonstrative && trigger.rule !== 'it-is-time') {
    if (!(prevWord === 'will' && trigger.rule === 'have-to')) return false;
  }
  if (/\b(?:would|could|might)\s+(?:still\s+|also\s+)?$/i.test(before) && trigger.rule !== 'would-do-well') return false;
  // Inside a relative or wh-clause: "what he cannot afford to remove", "which they should".
  if (/\b(?:what|which|whom|whose)\s+(?:he|she|it|they|we|you|one)\s+$/i.test(before)) return false;
  if (EPISTEMIC_AFTER.test(after)) return false;
  // "Someone must be supplying the fuel", "Anyone who has queued ... must know the feeling": inference, not advice.
  if (trigger.rule === 'modal-must' && /^\s*(?:(?:surely|also|all|by now|already)\s+)*(?:be\s+\p{Ll}+ing\b|know\b|feel\b|sense\b|suspect\b|wonder\b)/u.test(after)) return false;
  // "each project does not have to be negotiated": no obligation at all.
  if (trigger.rule === 'have-to' && /\b(?:does|do|did|will)\s*(?:not|n[’']t)\s+$/i.test(before)) return false;
  // "a freeze is overdue", but not "the payments are overdue".
  if (trigger.rule === 'overdue' && (/\b(?:payments?|bills?|fees?|loans?|rent|debts?|arrears|salar(?:y|ies)|wages|taxes|returns|books?|invoices?|dues|deadlines?|flights?|trains?|deliver(?:y|ies)|projects?|works?)\s+$/i.test(before) || /^\s*by\b/i.test(after))) return false;
  // "Better to be safe than sorry, as the saying goes": a proverb.
  if (/\b(?:as the saying goes|as they say|as the old saying|the old maxim)\b/i.test(sentence.text)) return false;
  // "We have to wonder", "one must admit", "you have to ask whether": the writer thinking aloud.
  if (/\b(?:we|one|you|i)\s+(?:\w+\s+)?$/i.test(before) && /^\s*(?:wonder|admire|admit|concede|conclude|suspect|marvel|recognise that|recognize that|say that|note that|ask (?:whether|why|how|what|if|who))\b/i.test(after)) return false;
  // "The minister should be ashamed": a feeling prescribed, not an action.
  if (/^\s*(?:not\s+)?be\s+(?:\w+\s+)?(?:proud|ashamed|embarrassed|grateful|thankful|pleased|worried|concerned|alarmed|surprised|disappointed|relieved|glad)\b/i.test(after)) return false;
  // "The commission should be commended for its candour": praise or blame, not advice.
  if (/^\s*(?:also\s+)?be\s+(?:\w+ly\s+)?(?:commended|congratulated|praised|applauded|lauded|credited|thanked|saluted|condemned|criticised|criticized|blamed)\b/i.test(after)) return false;
  // "That should worry everyone", "what should alarm Pretoria": a judgement, not advice.
  if (/^\s*(?:(?:not|also)\s+)?(?:worry|concern|alarm|trouble|shame|embarrass|surprise|shock|disturb|frighten|anger|dismay|sadden|interest|please|reassure|give\s+\w+\s+pause)\b/i.test(after)) return false;
  if (/^\s*(?:do with|say)\b/i.test(after) && trigger.rule === 'have-to') return false;
  if (trigger.rule === 'need-to' && /\bno\s+$/i.test(before)) return false;
  // A conditional clause: "Should the rains fail again, ...", "If INEC fails, ..."
  const opener = before.replace(/^\s*(?:and|but|so)\s+/i, '');
  // "If the board is to regain trust, it will have to pay on time": a purpose, then advice.
  const purpose = /^\s*if\b[^,]*\b(?:(?:is|are|was|were|wants?|hopes?|means?|intends?) to|(?:is|are) (?:serious|sincere|genuine|honest) (?:about|in))\b[^,]*,\s*\S/i.test(opener);
  if (!purpose && (CONDITIONAL.test(opener.trimStart()) || (/^should$/i.test(word) && !before.trim() && /,/.test(after) && !/^\s*(?:also|not)\b/i.test(after)))) {
    if (!/^\s*nor\b/i.test(before)) return false;
  }
  if (/^\s*(?:should|must)$/i.test(word) && /^\s*nor\s*$/i.test(before)) return true;
  // Advice reported from someone else ("Some campaigners argue ... that the industry should ...").
  const sinceCut = beforeInSentence.slice(Math.max(beforeInSentence.lastIndexOf(';'), 0));
  const reporting = REPORTING.exec(sinceCut);
  if (reporting) {
    const who = sinceCut.slice(0, reporting.index);
    if (!/\b(?:we|us|this newspaper)\s+(?:\w+\s+)?$/i.test(who) && !/^\s*it\s+$/i.test(who)) return false;
  }
  if (trigger.rule === 'demands') {
    // "The moment demands the same urgency": a verb between a subject and its object, not "the demands of".
    return !/\b(?:the|its|their|his|her|our|these|those|of|whose|such)\s+$/i.test(before) && !/[’']s?\s*$/.test(before) && /^\s*(?:an?|the)\s/i.test(after);
  }
  if (trigger.rule === 'modal-could') {
    const next = /^\s*(?:(?:also|well|perhaps|then|instead|reasonably|voluntarily|easily|at least|now|still|usefully|simply)\s+)*(\w+)(?:\s+(\w+))?/i.exec(after);
    if (!next) return false;
    const verb = next[1]!.toLowerCase();
    // "That might help for a week", "Sunlight could do more than any hearing": a forecast.
    if (/^\s*(?:that|this|it|which|such a \w+)\s*$/i.test(before.replace(/^\s*(?:and|but|so)\s+/i, '')) && verb !== 'be') return false;
    if (/^\s*do\s+(?:more|less|better|worse|little|nothing|much)\b/i.test(after)) return false;
    if (verb === 'be') return !!next[2] && (ADVISORY_PASSIVES.test(next[2]) || /^(?:\w+er|more|less)$/i.test(next[2]));
    if (verb === 'have' || verb === 'not') return false;
    // "The new law could cut emissions": a measure's effect, not advice.
    if (/^\s*(?:(?:the|this|that|a|an|such a|its|their)\s+)?(?:[\p{L}-]+\s+){0,2}(?:law|bill|plan|scheme|policy|reform|measure|tax|levy|move|change|project|programme|program|rule|ban|deal|agreement|cut|rise|increase|decision|proposal|strategy|budget|subsidy|system|approach|technology|crisis|drought|war|shortage)\s*$/iu.test(before)) return false;
    if (ADVISORY_VERBS.has(verb)) return true;
    // "The World Bank ... could tie its next tranche to ...": a named body proposing to act, unless the verb forecasts.
    if (PREDICTIVE_VERBS.test(verb) || /(?:ed|ing)$/.test(verb)) return false;
    const subject = subjectPhrase(body, clause.start, at);
    const r = ctx.discourse.resolve(subject);
    const lead = ctx.discourse.actors.within(subject.start, subject.end).find((m) => m.start - subject.start <= 4 && m.actor.type !== 'person' && m.actor.type !== 'state');
    if (lead && /\s(?:and|&)\s/.test(subject.text)) return true;
    return !!r.actor && (r.kind === 'actor' || r.kind === 'anaphor' || r.kind === 'state-noun' || r.kind === 'collective') && r.actor.type !== 'person';
  }
  return true;
}

function imperativeRecommendation(
  ctx: RecommendationContext,
  sentence: Sentence,
  clause: Clause,
  first: Token,
  sentenceRecs: RecommendationDraft[],
  all: RecommendationDraft[],
): RecommendationDraft | undefined {
  const { body } = ctx;
  let addressee = ctx.implicit;
  let addresseeRule = 'imperative-home';
  const alternatives: RecommendationCandidate['alternatives'] = [];
  if (first.lower === 'let') {
    // "Let the council build on it": the council acts; "let the herders drink": they benefit.
    const m = /^[Ll]et\s+((?:[Tt]he\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]*)*)\s/.exec(body.slice(first.start, clause.end));
    if (m && !Discourse.isBeneficiary(m[1]!)) {
      const s = first.start + m[0].indexOf(m[1]!, 3);
      const r = ctx.discourse.resolve({ start: s, end: s + m[1]!.length, text: m[1]! }, { create: true });
      if (r.actor) [addressee, addresseeRule] = [r.actor, `let-${r.rule}`];
    }
  } else if (/\b(?:your|yours|yourself|yourselves)\b/i.test(sentence.text) && readersNamed(ctx, sentence)) {
    // "Readers can play a part too. Keep your receipts ...": advice to the collective just named.
    [addressee, addresseeRule] = [readersNamed(ctx, sentence)!, 'imperative-reader'];
  } else {
    // An imperative right after advice to someone continues that advice ("Let the commission show its work. Publish the audit").
    const prior = sentenceRecs[sentenceRecs.length - 1] ?? all[all.length - 1];
    const priorSentence = prior && ctx.sentences.find((s) => s.start <= prior.evidence.start && prior.evidence.start < s.end);
    if (prior && (sentenceRecs.length || (priorSentence && priorSentence.paragraph === sentence.paragraph && sentence.index - priorSentence.index <= 1))) {
      const a = ctx.discourse.actors.get(prior.addressee);
      if (a) [addressee, addresseeRule] = [a, 'imperative-continues'];
    }
  }
  if (addressee.id !== ctx.implicit.id) alternatives.push({ addressee: ctx.implicit.id, confidence: 0.3, rule: 'implicit-home' });
  return build(ctx, sentence, { start: first.start, end: clause.end }, first.start, {
    addressee,
    addresseeRule,
    alternatives,
    strength: 'must',
    rule: 'imperative',
    confidence: 0.6,
    subjectIsAddressee: true,
  });
}

/** A collective named in this sentence or the one before ("Readers can play a part too."), whom "your" addresses. */
function readersNamed(ctx: RecommendationContext, sentence: Sentence): ActorRecord | undefined {
  const previous = ctx.sentences[sentence.index - 1];
  const from = previous && previous.paragraph === sentence.paragraph ? previous.start : sentence.start;
  const groups = ctx.discourse.actors.within(from, sentence.start).filter((m) => m.actor.type === 'group' && m.actor.confidence > 0);
  return groups[groups.length - 1]?.actor;
}

function build(
  ctx: RecommendationContext,
  sentence: Sentence,
  span: { start: number; end: number },
  actionStart: number,
  r: {
    addressee: ActorRecord;
    addresseeRule: string;
    alternatives: NonNullable<RecommendationCandidate['alternatives']>;
    strength: Strength;
    rule: string;
    confidence: number;
    subjectIsAddressee: boolean;
  },
): RecommendationDraft | undefined {
  const { body } = ctx;
  const evidence = ctx.anchor.evidence(span.start, span.end);
  if (!evidence.exact) return undefined;
  const clauseText = evidence.exact;
  const action = body
    .slice(actionStart, span.end)
    .replace(/[\s.,;:!?]+$/, '')
    .replace(/^\s*,?\s*(?:(?:too|also|then|surely|now|perhaps)\s*,\s*)?/i, '')
    .replace(/^(?:for\s+.{1,80}?\s+to|that)\s+/i, '');
  const statement = (r.subjectIsAddressee || /^(?:it-is|there-is|we-urge)/.test(r.rule)) && r.rule !== 'imperative' ? normaliseAction(action) : sentenceCase(clauseText);
  const actionRegion = { start: actionStart, end: span.end };
  return {
    evidence,
    addressee: r.addressee.id,
    ...(r.alternatives.length ? { alternatives: r.alternatives } : {}),
    strength: r.strength,
    statement: `${statement.slice(0, 990)}.`.replace(/\.\.$/, '.'),
    domain: guessDomain(clauseText, sentence.text),
    instruments: instrumentsOf(body.slice(actionRegion.start, actionRegion.end)),
    partners: partnersOf(ctx, actionRegion, r.addressee),
    against: againstOf(body.slice(actionRegion.start, actionRegion.end)),
    confidence: round(r.confidence),
    rule: `${r.rule}/${r.addresseeRule}`,
    emphasised: EMPHASIS.test(body.slice(sentence.start, span.end)),
  };
}

/** "must publish a full audit" -> "Publish a full audit". */
function normaliseAction(action: string): string {
  const cleaned = action
    .replace(/^(?:must(?:n[’']t)?|should(?:n[’']t)?|ought to|needs? to|ha(?:s|ve) to|would do well to|(?:may|might) (?:want|wish) to|could|might|demands)\s+/i, '')
    .replace(/^(?:also|still|now|urgently|simply|then|therefore|first|too)\s+/i, '');
  return sentenceCase(cleaned || action);
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Means the clause proposes: the list after "through", "using", "by", "via". */
function instrumentsOf(text: string): string[] {
  const m = /\b(?:through|using|via|by means of|with the help of)\s+([^.;]+?)(?=,?\s+(?:not|rather than|instead of|so that|before|until|while)\b|,\s+(?:an?|the|which|who|whose)\s|[.;]|$)/i.exec(text);
  if (!m) return [];
  // Means are short noun phrases; a piece with a verb in it is a clause that ran on.
  return splitList(m[1]!).filter((p) => p.split(/\s+/).length <= 6 && !/^(?:the same|which|whose)\b/i.test(p) && !/\b(?:has|have|had|is|are|was|were)\b/i.test(p));
}

/** What the clause argues against: after "rather than", "instead of", ", not". */
function againstOf(text: string): string[] {
  const m = /(?:\brather than|\binstead of|,\s+not)\s+([^.;]+?)(?=[.;]|$)/i.exec(text);
  return m ? [m[1]!.trim().slice(0, 300)] : [];
}

/** Actors the advice names as working with the addressee ("coordinated with ... such as China"). */
function partnersOf(ctx: RecommendationContext, region: { start: number; end: number }, addressee: ActorRecord): string[] {
  const text = ctx.body.slice(region.start, region.end);
  const cue = /\b(?:with|alongside|together with|in partnership with|such as|including|partners)\b/i.exec(text);
  if (!cue) return [];
  const rel = /\b(?:who|which|that|whose)\b/i.exec(text.slice(cue.index + cue[0].length));
  const end = rel ? region.start + cue.index + cue[0].length + rel.index : region.end;
  const ids = ctx.discourse.actors
    .within(region.start + cue.index, end)
    .map((m) => m.actor)
    .filter((a) => a.id !== addressee.id && a.confidence >= 0.5)
    .map((a) => a.id);
  return [...new Set(ids)];
}

function splitList(text: string): string[] {
  return text
    .split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
