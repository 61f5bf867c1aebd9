// Quotations: words the text attributes to someone else. Four shapes cover most editorials:
//   X (has) said/told/argued ... (that) CONTENT         the reporting verb before the content
//   “QUOTE,” X said / “QUOTE,” said X                   the verb after the quotation
//   According to X, CONTENT / CONTENT, according to X   attribution by phrase
//   In the words of X, “QUOTE” / As X put it, “QUOTE”
// The evidence is the attributed words: the quoted passage itself when four or more words stand
// in quotation marks (a direct quotation), otherwise the reported clause (indirect).
import type { ActorRecord, Mention } from './actors.js';
import { DETERMINERS, type Discourse, subjectPhrase } from './discourse.js';
import { checkDeadline } from './errors.js';
import type { Anchorer } from './evidence.js';
import type { Sentence } from './nlp.js';
import { quotedPassages, type QuotedPassage } from './quotes-marks.js';
import type { QuotationCandidate } from './reader.schemas.js';
import type { SourceType } from './types.js';

export interface QuotationContext {
  body: string;
  sentences: Sentence[];
  discourse: Discourse;
  anchor: Anchorer;
  deadline?: number;
  /** The author of the last report quoted ("Audit Scotland's latest report found ..."), for "its authors". */
  lastAuthor?: { actor: ActorRecord; at: number };
  /** The speaker of the last quotation found. */
  lastSpeaker?: { actor: ActorRecord; at: number };
}

const VERBS =
  'said|says|say|told|tell|tells|noted|notes|note|argued|argues|argue|insisted|insists|insist|claimed|claims|claim|warned|warns|warn|' +
  'estimated|estimates|reported|reports|admitted|admits|conceded|concedes|declared|declares|assured|assures|' +
  'suggested|suggests|suggest|proposed|proposes|propose|acknowledged|acknowledges|pointed out|points out|point out|stated|' +
  'hinted|hints|announced|announces|promised|found|finds|urging|arguing|insisting|warning|calling|describing|saying|claiming|' +
  'wrote|writes|observed|observes|concluded|concludes|maintained|maintains|maintain|revealed|reveals|predicted|predicts|' +
  'called for|calls for|call for|blamed|blames|blame|described|describes|describe|urged|urges|urge|believes|believe|believed|' +
  'recommended|recommends|recommend|explained|explains|added|adds|complained|complains|complain|' +
  'called|calls|confirmed|confirms|denied|denies|accepted|accepts|recalled|recalls|stressed|stresses|emphasised|emphasized|' +
  'calculated|calculates|projected|projects|forecast|forecasts|contend|contends|contended|' +
  'asserted|asserts|remarked|replied|testified|alleged|alleges|floated|floats|show|shows|showed|concede|admit|acknowledge|' +
  'predict|predicted|reckon|reckons|feared|complain|allege|assert|stress|confirm|deny|explain|observe|conclude|reveal|demanded|demands|demand';

const AUX = String.raw`(?:(?:has|have|had|also|already|later|now|once|itself|themselves|himself|herself|long|since|then|even|again|did|does|do|\p{Ll}+ly)\s+)*`;
const VERB_RE = new RegExp(String.raw`(?<![\p{L}])${AUX}(${VERBS})(?![\p{L}])`, 'giu');
const AFTER_QUOTE = new RegExp(
  String.raw`^\s*[,.!?]?\s*((?:[\p{L}\p{N}’'.-]+,?\s){0,14}?)${AUX}(said|says|told|wrote|writes|urged|added|argued|insisted|warned|noted|declared|asked|explained|conceded|admitted|claimed|observed|remarked|replied|stated|tweeted|complained|cautioned|pleaded|recalled|read|reads|concluded|put it)(?![\p{L}])`,
  'iu',
);
const VERB_THEN_SPEAKER = /^\s*[,.!?]?\s*(said|says|wrote|writes|added|argued|insisted|warned|noted|declared|asked|explained)\s+((?:[\p{L}\p{N}’'.-]+\s?){1,12}?)(?=[,.;]|$)/iu;

const NEEDS_THAT = /^(?:demanded|demands|demand|reveal|confirm|explain|observe|conclude|feared|announced|announces|promised|found|finds|hinted|hints|urging|arguing|insisting|warning|saying|claiming|reported|reports|tell|tells|told|floated|floats|show|shows|showed)$/i;

/** Singular nouns for people who speak for a body: "one nominated MP", "a senior BJP leader". */
const ROLE_NOUN = /\b(?:MP|representative|lawyer|advocate|magistrate|prosecutor|lecturer|student|leader|chairman|chairwoman|chairperson|chair|secretary|minister|spokesman|spokeswoman|spokesperson|official|backbencher|president|chief|director|head|member|governor|commissioner|senator|lawmaker|adviser|advisor|economist|analyst|expert|officer|executive|judge|ambassador|envoy|negotiator|candidate|activist|campaigner|cleric|scholar|professor|researcher|resident|farmer|trader|teacher|doctor|nurse|engineer|villager|mother|father|survivor|witness|source|insider|diplomat|aide|inspector general|auditor general|inspector|auditor|consultant|lobbyist|owner|commuter|driver|rider|passenger|mayor|councillor|councilor|surgeon|physician|midwife|pharmacist|headteacher|headmaster|principal|worker|labourer|laborer|miner|fisherman|shopkeeper|landlord|tenant|parent|pupil|manager|founder|author|coordinator|organiser|organizer|pastor|imam|priest|bishop|chief executive|secretary general|general secretary|mp|msp|councilman|planner|economist|statistician|epidemiologist|scientist|meteorologist|hydrologist|geologist|volunteer|paramedic|firefighter|ranger|guide|porter)$/i;

/** Trailing words that qualify a speaker without naming it ("the companies responsible"). */
const SPEAKER_TAIL = /\s+(?:responsible|concerned|involved|themselves|itself|himself|herself|alone|too|also)$/i;

export function findQuotations(ctx: QuotationContext): QuotationCandidate[] {
  const { body } = ctx;
  const passages = quotedPassages(body);
  const found: QuotationCandidate[] = [];
  const taken: Array<[number, number]> = [];
  const add = (q: QuotationCandidate | undefined, span: [number, number]) => {
    if (!q || taken.some(([s, e]) => s < span[1] && span[0] < e)) return;
    taken.push(span);
    found.push(q);
  };
  for (const sentence of ctx.sentences) {
    if (sentence.index % 50 === 0) checkDeadline(ctx.deadline);
    const inSentence = passages.filter((p) => p.outerStart >= sentence.start - 1 && p.outerEnd <= sentence.end + 1);
    // A quotation of two sentences ends in the second: its attribution follows it there.
    const endingHere = passages.filter((p) => p.outerEnd > sentence.start && p.outerEnd <= sentence.end + 1);
    // A colon introduces a quotation that may run over several sentences.
    const startingHere = passages.filter((p) => p.outerStart >= sentence.start - 1 && p.outerStart < sentence.end);
    for (const q of phraseAttributions(ctx, sentence, inSentence)) add(q.candidate, q.span);
    const attributed = new Set<number>();
    for (const q of quoteThenVerb(ctx, sentence, endingHere, attributed, passages)) add(q.candidate, q.span);
    for (const q of colonQuotes(ctx, sentence, startingHere)) add(q.candidate, q.span);
    for (const q of continuedQuote(ctx, sentence, inSentence, found)) add(q.candidate, q.span);
    for (const q of trailingAttribution(ctx, sentence, passages)) add(q.candidate, q.span);
    if (/\?["”’]?\s*$/.test(sentence.text)) continue;
    for (const q of verbAttributions(ctx, sentence, passages, attributed)) add(q.candidate, q.span);
  }
  return found.sort((a, b) => a.evidence.start - b.evidence.start);
}

interface Found {
  candidate: QuotationCandidate | undefined;
  span: [number, number];
}

/** "According to X, ...", "..., according to X", "In the words of X, “...”", "As X put it, “...”". */
function phraseAttributions(ctx: QuotationContext, sentence: Sentence, passages: QuotedPassage[]): Found[] {
  const { body } = ctx;
  const out: Found[] = [];
  const text = sentence.text;
  const according = /\baccording to\s+([^,.;“"‘]+?)\s*(?=[,.;]|$)/gi;
  for (let m = according.exec(text); m; m = according.exec(text)) {
    const sourceStart = sentence.start + m.index + m[0].length - m[1]!.length;
    // "According to the Ministry of Business, Innovation and Employment, ...": a name with commas runs on.
    const sourceEnd = Math.max(sourceStart + m[1]!.length, ...ctx.discourse.actors.mentions.filter((x) => x.start >= sourceStart && x.start < sourceStart + m[1]!.length && x.end <= sentence.end).map((x) => x.end));
    const speaker = speakerOfPhrase(body, sourceStart, sourceEnd);
    let content: [number, number];
    // "According to X, ..." and "There are, according to X, ..." report what follows; otherwise what precedes.
    const leading = body.slice(sentence.start, sentence.start + m.index).trim().split(/\s+/).filter(Boolean).length < 4;
    if (leading) content = [Math.max(sentence.start + m.index + m[0].length, sourceEnd), sentence.end];
    else content = [sentence.start, sentence.start + m.index];
    const words = body.slice(content[0], content[1]).replace(/^[\s,]+|[\s,.;]+$/g, '');
    if (!words) continue;
    out.push(attribute(ctx, speaker, 'according to', content, passages, 'according-to', 0.8));
  }
  // "In the words of the chairperson, Meenakshi Rao, “...”": the quoted words right after the frame;
  // "In the words of one owner, the promises now arrive “...”": failing that, the first quoted words after a comma-free speaker.
  const framed = /\b(?:in the words of\s+(.+?)|as\s+(.+?)\s+put it(?:\s+[^,“"‘]*)?),\s*(?=[“"‘])/gi;
  const later = /\b(?:in the words of\s+([^,“"‘]+?)|as\s+([^,“"‘]+?)\s+put it(?:\s+[^,“"‘]*)?),\s*/gi;
  const framedAt = new Set<number>();
  for (const re of [framed, later]) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (framedAt.has(m.index)) continue;
      const who = m[1] ?? m[2]!;
      const s = sentence.start + m.index + m[0].indexOf(who);
      const quoteStart = sentence.start + m.index + m[0].length;
      const passage = re === framed ? passages.find((p) => p.outerStart === quoteStart) : passages.find((p) => p.outerStart >= quoteStart && p.outerEnd <= sentence.end + 1);
      if (!passage) continue;
      framedAt.add(m.index);
      const speaker = speakerOfPhrase(body, s, s + who.length);
      const verb = m[1] ? 'in the words of' : 'put it';
      out.push(attribute(ctx, speaker, verb, [passage.start, passage.end], passages, m[1] ? 'in-the-words-of' : 'as-x-put-it', 0.85));
    }
  }
  // "The Nigerian Medical Association puts the number of patients for every doctor at nearly 9,000": an estimate.
  const puts = /\b(puts|put|places|placed)\s+((?:the|its|their)\s+(?:[\p{L}-]+\s+){0,2}(?:number|figure|cost|toll|total|loss|losses|shortfall|bill|count|rate|share|deficit|backlog)\b[^.;]*?\sat\s[^.;]+)/giu;
  for (let m = puts.exec(text); m; m = puts.exec(text)) {
    const verbAt = sentence.start + m.index;
    const clauseStart = lastClauseStart(body, sentence.start, verbAt);
    const phrase = subjectPhrase(body, clauseStart, verbAt);
    if (!phrase.text || /^(?:we|this newspaper|this paper|it|this|that)$/i.test(phrase.text)) continue;
    const speaker = speakerOf(ctx, phrase);
    if (!speaker) continue;
    const s0 = verbAt + m[0].length - m[2]!.length;
    out.push(attribute(ctx, speaker, m[1]!, [s0, trimEnd(body, s0, s0 + m[2]!.length)], passages, 'puts-at', 0.7));
  }
  // "X, by its own admission, has never tested ...", "By its own count, the largest operations ...": X's own word.
  const own = /\bby (its|their|his|her) own (admission|count|estimate|reckoning|account|figures),?\s*/gi;
  for (let m = own.exec(text); m; m = own.exec(text)) {
    const at = sentence.start + m.index;
    const person = /^(?:his|her)$/i.test(m[1]!);
    const owner = ctx.discourse.lastMention(at, (a) => (person ? a.type === 'person' : a.type !== 'person'));
    if (!owner) continue;
    const content: [number, number] = [at + m[0].length, sentence.end];
    if (!body.slice(content[0], content[1]).replace(/[\s,.;]+$/g, '')) continue;
    out.push(attribute(ctx, fromActor(owner, 'own-admission'), m[0].replace(/[,\s]+$/, '').toLowerCase(), content, passages, 'by-its-own', 0.75));
  }
  return out;
}

/** “QUOTE,” the board wrote / ‘QUOTE,’ he told Parliament / “QUOTE,” said X. */
function quoteThenVerb(ctx: QuotationContext, sentence: Sentence, passages: QuotedPassage[], attributed: Set<number>, all: QuotedPassage[]): Found[] {
  const { body } = ctx;
  const out: Found[] = [];
  for (const p of passages) {
    if (p.words < 2) continue;
    const tail = body.slice(p.outerEnd, Math.min(sentence.end + 1, p.outerEnd + 160));
    const m = AFTER_QUOTE.exec(tail);
    let speaker: Mention | undefined;
    let verb: string | undefined;
    if (m && m[1]!.trim() && !/[“"‘]/.test(m[1]!)) {
      const s = p.outerEnd + m.index + m[0].indexOf(m[1]!);
      const phrase = m[1]!.replace(/[\s,]+$/, '');
      speaker = { start: s, end: s + phrase.length, text: phrase };
      verb = m[2]!;
      attributed.add(p.outerEnd + m.index + m[0].length - verb.length);
    } else {
      const v = VERB_THEN_SPEAKER.exec(tail);
      if (v) {
        const s = p.outerEnd + v.index + v[0].indexOf(v[2]!, v[0].indexOf(v[1]!) + v[1]!.length);
        const phrase = v[2]!.trim();
        speaker = { start: s, end: s + phrase.length, text: phrase };
        verb = v[1]!;
        attributed.add(p.outerEnd + v.index + v[0].indexOf(v[1]!));
      }
    }
    if (!speaker || !verb) continue;
    // A quotation continued after the attribution (“...,” he said, “...”): a second quotation of the same words' speaker.
    const next = all.find((q) => q.outerStart > p.outerEnd && q.outerStart <= sentence.end && /^[^“"‘”]*,\s*$/.test(body.slice(p.outerEnd, q.outerStart)));
    const who = speakerOf(ctx, speakerOfPhrase(body, speaker.start, speaker.end));
    if (!who) continue;
    out.push(attribute(ctx, who, verb, [p.start, p.end], all, 'quote-then-verb', 0.85));
    if (next) out.push(attribute(ctx, who, verb, [next.start, next.end], all, 'quote-split', 0.8));
  }
  return out;
}

/** The negotiator was blunt: “QUOTE”. A person named before the colon speaks the quoted words. */
function colonQuotes(ctx: QuotationContext, sentence: Sentence, passages: QuotedPassage[]): Found[] {
  const { body } = ctx;
  const out: Found[] = [];
  for (const p of passages) {
    const lead = body.slice(sentence.start, p.outerStart);
    if (!/:\s*$/.test(lead)) continue;
    const clauseStart = lastClauseStart(body, sentence.start, p.outerStart - 1 - (lead.length - lead.trimEnd().length));
    // The verb nearest the colon ("The chair of the committee, X, put it more bluntly:"), skipping asides.
    const own = sentence.tokens.filter((t) => t.start >= clauseStart && t.start < p.outerStart);
    const verbs = own.filter((t) => /^(?:say|tell|put|write|describe|warn|insist|declare|reply|answer|explain|add|note|observe|argue|conclude|remark|sum|state|respond|admit|concede|summarise|summarize)$/.test(t.lemma) && /^\p{Ll}/u.test(t.text));
    const verb = verbs[verbs.length - 1] ?? own.find((t) => t.pos === 'VERB' || t.pos === 'AUX');
    if (!verb) continue;
    const phrase = subjectPhrase(body, clauseStart, verb.start);
    const speaker = phrase.text ? speakerOf(ctx, phrase) : undefined;
    if (!speaker || (speaker.type !== 'person' && !/\b(?:said|says|wrote|told|put it|declared|warned|insisted|was blunt|were blunt)\b/i.test(lead))) continue;
    const predicate = body.slice(verb.start, p.outerStart).replace(/[\s:]+$/, '');
    // "put it plainly" is "put it": the manner is not the verb.
    const plain = predicate.replace(/(?:\s+(?:more|most|very|rather|quite))?\s+\p{Ll}+ly$/u, '');
    const verbText = plain.split(/\s+/).length <= 4 ? plain : verb.text;
    out.push(attribute(ctx, speaker, verbText, [p.start, p.end], passages, 'colon-quote', 0.7));
  }
  return out;
}

/**
 * “We are building a network,” he told a hearing. “Nobody should judge it by the next fifty days.”
 * A sentence that is only a quotation continues the quotation the sentence before attributed.
 */
function continuedQuote(ctx: QuotationContext, sentence: Sentence, passages: QuotedPassage[], found: QuotationCandidate[]): Found[] {
  const { body } = ctx;
  const p = passages[0];
  if (!p || passages.length !== 1 || p.words < 3) return [];
  if (body.slice(sentence.start, p.outerStart).trim() || body.slice(p.outerEnd, sentence.end).replace(/[.!?\s]/g, '')) return [];
  const previous = ctx.sentences[sentence.index - 1];
  if (!previous || previous.paragraph !== sentence.paragraph) return [];
  const prior = found.filter((q) => q.evidence.start >= previous.start && q.evidence.start < previous.end && q.kind === 'direct' && /^(?:quote-then-verb|quote-split|colon-quote|quote-continued)/.test(q.rule));
  const last = prior[prior.length - 1];
  const actor = last?.source.actor ? ctx.discourse.actors.get(last.source.actor) : undefined;
  if (!last || !actor) return [];
  return [attribute(ctx, fromActor(actor, 'quote-continued'), last.verb, [p.start, p.end], passages, 'quote-continued', 0.75)];
}

/** Reported words without quotation marks, attributed at the end: "Supply will recover by June, the minister said." */
function trailingAttribution(ctx: QuotationContext, sentence: Sentence, passages: QuotedPassage[]): Found[] {
  const m = /^(.{12,}?),\s+((?:[\p{L}’'.-]+,?\s){1,8}?)(said|says|say|argued|argues|argue|added|insisted|insist|warned|warn|warns|noted|claimed|admitted|conceded|believe|believes|reckon|reckons|estimates|estimated|contend|contends|told|tells|reported|reports)((?:\s[^,.;]{0,60})?)[.!]?$/u.exec(sentence.text);
  // The attribution closes the sentence: at most a short adverbial after the verb ("on Tuesday").
  if (!m || /["“”‘]/.test(m[1]!) || /\b(?:that|which|who)\s*$/.test(m[2]!)) return [];
  if (m[4]!.trim().split(/\s+/).filter(Boolean).length > 4 || /["“”‘]|\bthat\b/.test(m[4]!) || m[1]!.trim().split(/\s+/).length < 4) return [];
  const speakerStart = sentence.start + m[1]!.length + m[0].slice(m[1]!.length).indexOf(m[2]!);
  const phrase = m[2]!.replace(/[\s,]+$/, '');
  const speaker = speakerOf(ctx, { start: speakerStart, end: speakerStart + phrase.length, text: phrase });
  if (!speaker) return [];
  return [attribute(ctx, speaker, m[3]!, [sentence.start, sentence.start + m[1]!.length], passages, 'trailing-attribution', 0.7)];
}

/** X (has) said/told/argued (OBJECT) (that) CONTENT. */
function verbAttributions(ctx: QuotationContext, sentence: Sentence, all: QuotedPassage[], attributed: Set<number>): Found[] {
  const { body } = ctx;
  const out: Found[] = [];
  VERB_RE.lastIndex = 0;
  const text = sentence.text;
  for (let m = VERB_RE.exec(text); m; m = VERB_RE.exec(text)) {
    // Under /i the "-ly adverb" of AUX also takes a capitalised word ("Assembly"): give it back to the speaker.
    const auxPart = m[0].slice(0, m[0].length - m[1]!.length);
    const named = /^(?:.*\s)?\S*\p{Lu}\S*\s+/su.exec(auxPart);
    const index = m.index + (named ? named[0].length : 0);
    const verbStart = sentence.start + m.index + m[0].length - m[1]!.length;
    const verbEnd = verbStart + m[1]!.length;
    if (attributed.has(verbStart) || all.some((p) => verbStart >= p.outerStart && verbStart < p.outerEnd)) continue;
    // "its chairman, Omar Said, told ...": a capitalised verb inside a sentence is a name.
    if (/^\p{Lu}/u.test(m[1]!) && verbStart > sentence.start) continue;
    const before = body.slice(sentence.start, sentence.start + index);
    // "it must be said", "is hard to argue", "need an engineer to tell them", "would say so"; but "likes to describe"
    if (/\b(?:be|is|are|was|were|been|being|to|would|will|may|might|could|should|must|can|not|never)\s+$/i.test(before) && !/\b(?:likes|loves|continues|prefers|tends) to\s+$/i.test(before)) continue;
    const rest = body.slice(verbEnd, sentence.end);
    if (/^\s*(?:so|nothing|little|much|otherwise)\b/i.test(rest)) continue;
    // The clause's speaker: the words before the verb, in its own clause.
    let clauseStart = lastClauseStart(body, sentence.start, sentence.start + index);
    // "... so lightly that the Revenue Commissioners themselves describe ...": the speaker follows "that".
    const that = /^.*\bthat\s+(?=\S)/s.exec(body.slice(clauseStart, sentence.start + index));
    if (that) clauseStart += that[0].length;
    // "As the IMF has pointed out, ...": the speaker after "As".
    const as = /^\s*as\s+/i.exec(body.slice(clauseStart, sentence.start + index));
    if (as) clauseStart += as[0].length;
    // "..., since the Education Review Office found that ...": the speaker after the subordinator.
    const sub = /^.*(?:^|,\s+)(?:since|because|although|though|whereas|after|when|while|until)\s+(?=\S)/is.exec(body.slice(clauseStart, sentence.start + index));
    if (sub && !as) clauseStart += sub[0].length;
    let phraseStart = clauseStart;
    const whoSay = /\b(?:[Tt]here (?:are|is)\s+)?([\p{L}’' -]+?)\s+who\s+$/u.exec(body.slice(clauseStart, sentence.start + index));
    let speakerPhrase: Mention;
    if (whoSay) {
      phraseStart = clauseStart + whoSay.index + whoSay[0].indexOf(whoSay[1]!);
      speakerPhrase = { start: phraseStart, end: phraseStart + whoSay[1]!.length, text: whoSay[1]! };
    } else {
      const habit = /\s+(?:likes|loves|continues|prefers|tends) to\s+$/i.exec(before);
      let phraseEnd = sentence.start + index - (habit ? habit[0].length : 0);
      // "The White House has spent the summer insisting that ...": the speaker is the clause's subject.
      const withSpeaker = /ing$/i.test(m[1]!) ? /\bwith\s+((?:the\s+)?[\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,5})\s+$/u.exec(body.slice(phraseStart, phraseEnd)) : null;
      if (withSpeaker) {
        // "..., with the State Department calling the paper “provocative”": the one after "with" speaks.
        phraseStart += withSpeaker.index + withSpeaker[0].indexOf(withSpeaker[1]!);
        phraseEnd = phraseStart + withSpeaker[1]!.length;
      } else if (/ing$/i.test(m[1]!)) {
        const there = /^\s*there (?:are|is|were|was)\s+/i.exec(body.slice(phraseStart, phraseEnd));
        if (there) phraseStart += there[0].length;
        // The first verb after the subject's first word ("voices" may be tagged a verb itself).
        const own = sentence.tokens.filter((t) => t.start >= phraseStart && t.start < phraseEnd);
        const verb = own.slice(1).find((t) => (t.pos === 'VERB' || t.pos === 'AUX') && /^[a-z]/.test(t.text));
        if (verb) phraseEnd = verb.start;
      }
      speakerPhrase = subjectPhrase(body, phraseStart, phraseEnd);
    }
    // The paper's own voice ("We urge ...") is not a quotation; nor are figures or pronouns for things.
    // "Government, take note": no one is quoted.
    if (/\b(?:take|takes|took|taking)\s+$/i.test(body.slice(sentence.start, verbStart))) continue;
    if (!speakerPhrase.text || /^(?:this newspaper|this paper|this editorial|our editorial|we at [\w ]+)$/i.test(speakerPhrase.text)) continue;
    if (!speakerPhrase.text || /^(?:we|us|i|you|what|which|that|this|these|those|there|here|many|some|few|none|nobody|anyone|everyone|nothing|figures|data|the figures|the data|the evidence)$/i.test(speakerPhrase.text)) continue;
    // "As the Asian Development Bank noted in a 2023 study, phased replacement ...": what follows the comma.
    if (as && /^[^,.;]{0,80},\s+\S/.test(body.slice(verbEnd, sentence.end)) && !/^\s*that\b/i.test(body.slice(verbEnd, sentence.end))) {
      const who = speakerOf(ctx, speakerPhrase);
      const comma = body.indexOf(',', verbEnd);
      if (who) out.push(attribute(ctx, who, m[1]!, [comma + 1 + (/^\s*/.exec(body.slice(comma + 1))?.[0].length ?? 0), sentence.end], all, 'as-x-noted', 0.75));
      continue;
    }
    // "The report, published by Transparency International, found that ...": the publisher speaks.
    const publisher = /\b(?:report|study|survey|review|assessment|audit|analysis|paper)\s*,\s*(?:published|released|commissioned|written|prepared|compiled|issued)\s+(?:\w+\s+)?by\s+([^,]{2,80}),\s*$/i.exec(body.slice(clauseStart, sentence.start + index));
    const publisherAt = publisher ? clauseStart + publisher.index + publisher[0].lastIndexOf(publisher[1]!) : 0;
    const byPublisher = publisher ? speakerOf(ctx, { start: publisherAt, end: publisherAt + publisher[1]!.length, text: publisher[1]! }) : undefined;
    let speaker = byPublisher ?? speakerOf(ctx, speakerPhrase);
    if (!speaker) {
      // "Investors in tourism, beef and solar power say ...", "The Chitale committee, set up in 2005, recommended ...": the words before the first comma.
      const lead = /^\s*([^,]{2,80}),/.exec(body.slice(phraseStart, sentence.start + index));
      if (lead) {
        const s0 = phraseStart + lead[0].indexOf(lead[1]!);
        const sub = subjectPhrase(body, s0, s0 + lead[1]!.length);
        if (sub.text && !/^(?:we|us|i|you|it|this|that|there)$/i.test(sub.text)) speaker = speakerOf(ctx, sub);
      }
    }
    if (!speaker) continue;
    // "X has called for A, and its president, Y, told this board that B": A ends where the next speaker's clause begins.
    const content = contentAfterVerb(body, verbEnd, nextSpeakerClause(body, verbEnd, sentence.end), m[1]);
    if (!content) continue;
    // Verbs that also take a plain object ("announced a plan", "found the money") report only a "that" clause or quoted words.
    // "blamed a “technical glitch”", "called the figures ‘a wake-up call’", "describe drought as an act of God".
    if (/^(?:blame[sd]?|describe[sd]?|describing|call(?:s|ed|ing)?)$/i.test(m[1]!) && !all.some((p) => p.start >= verbEnd && p.end <= sentence.end)) {
      if (!/^describe/i.test(m[1]!) || !/^\s+\S+(?:\s\S+){0,3}\s+as\s/i.test(body.slice(verbEnd, sentence.end))) continue;
    }
    const toldClause = /^(?:tell|tells|told)$/i.test(m[1]!) && /^\s+(?:us|me|this (?:newspaper|paper)|reporters|journalists)\s+(?:they|he|she|it|the|a|an|their|its|his|her)\s/i.test(body.slice(verbEnd, sentence.end));
    if (NEEDS_THAT.test(m[1]!) && !toldClause && !/^[^.;]{0,90}?\bthat\s/i.test(body.slice(verbEnd, sentence.end)) && !all.some((p) => p.start >= verbEnd && p.end <= sentence.end && p.words >= 4)) continue;
    const verb = m[1]!.replace(/\s+that$/i, '');
    for (const part of content) out.push(attribute(ctx, speaker, verb, part, all, 'verb-that', 0.75));
  }
  return out;
}

const NEXT_CLAUSE = /,\s+(?:and|but|while|whereas)\s+(?!that\b)/gi;
const NEXT_VERB = new RegExp(String.raw`^[^.;“"‘]{1,100}?\s${AUX}(?:${VERBS})(?![\p{L}])`, 'iu');

/** Where a second reporting clause with a speaker of its own starts, or `end`. */
function nextSpeakerClause(body: string, from: number, end: number): number {
  const text = body.slice(from, end);
  NEXT_CLAUSE.lastIndex = 0;
  for (let m = NEXT_CLAUSE.exec(text); m; m = NEXT_CLAUSE.exec(text)) {
    const after = text.slice(m.index + m[0].length);
    const v = NEXT_VERB.exec(after);
    // The words before that verb must be a speaker: short, no "that", and no quoted words.
    if (v && !/\bthat\b/i.test(v[0]) && v[0].split(/\s+/).length <= 10) return from + m.index;
  }
  return end;
}

function trimEnd(body: string, start: number, end: number): number {
  while (end > start && /[\s.,;:!?]/.test(body[end - 1]!)) end--;
  return end;
}

/** The start of the clause holding `at`: after the last semicolon, colon or ", but/and/while". */
function lastClauseStart(body: string, sentenceStart: number, at: number): number {
  const text = body.slice(sentenceStart, at);
  let cut = 0;
  const re = /;\s+|:\s+|,\s+(?:but|and|while|yet)\s+|\s+but\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) cut = m.index + m[0].length;
  return sentenceStart + cut;
}

/**
 * What a verb reports: after an object and adverbials up to "that" when there is one, else
 * right after the verb. "said that A and that B" gives two parts.
 */
function contentAfterVerb(body: string, from: number, to: number, verb = ''): Array<[number, number]> | undefined {
  const rest = body.slice(from, to);
  const that = /^[^.;“"‘]{0,90}?\bthat\s+/i.exec(rest);
  // "tell us they have started ...": the one told, then what.
  const warnedOf = !that && /^warn/i.test(verb) ? /^\s+of\s+(?=\S)/i.exec(rest) : null;
  if (warnedOf) return [[from + warnedOf[0].length, trimEnd(body, from + warnedOf[0].length, to)]];
  const told = !that && /^tel|^told/i.test(verb) ? /^\s+(?:us|me|them|him|her|this (?:newspaper|paper)|reporters|journalists|our (?:reporters?|correspondents?))\s+(?=\p{Ll})/iu.exec(rest) : null;
  const start = from + (that ? that[0].length : told ? told[0].length : (/^\s*,?\s*/.exec(rest)?.[0].length ?? 0));
  if (!that && /^\s*(?:to|with|about|on|in|at|from|of)\b/i.test(rest)) return undefined;
  let end = to;
  // Trailing punctuation off; a closing quotation mark stays when its opening one is inside.
  for (;;) {
    const c = body[end - 1];
    if (end <= start || !c) break;
    if (/[\s.,;:!?]/.test(c)) end--;
    else if (/[”"’]/.test(c) && !/[“"‘]/.test(body.slice(start, end - 1))) end--;
    else break;
  }
  // Too little to be a claim: "has said as much", "said so".
  if (end - start < 3 || (!/["“‘]/.test(body.slice(start, end)) && body.slice(start, end).trim().split(/\s+/).length < 3)) return undefined;
  // "..., and officials in Assam said ...": another speaker's words start a quotation of their own.
  const next = new RegExp(String.raw`,\s+(?:and|but|while)\s+(?=[^,;]{1,60}?\s${AUX}(?:${VERBS})\b)`, 'iu').exec(body.slice(start, end));
  if (next) end = start + next.index;
  const parts: Array<[number, number]> = [];
  const and = /,?\s+and that\s+/i.exec(body.slice(start, end));
  if (and) {
    parts.push([start, start + and.index]);
    parts.push([start + and.index + and[0].length, end]);
  } else parts.push([start, end]);
  return parts;
}

interface Speaker {
  name: string;
  type: SourceType;
  actor: ActorRecord;
  rule: string;
}

/** Resolves the words naming a speaker; creates a person or group for "one nominated MP" or "campaigners". */
function speakerOf(ctx: QuotationContext, phrase: Mention): Speaker | undefined {
  const { discourse } = ctx;
  const there = /^there (?:are|is|were|was)\s+/i.exec(phrase.text);
  let cleaned = trimTail(there ? { start: phrase.start + there[0].length, end: phrase.end, text: phrase.text.slice(there[0].length) } : phrase);
  // "The regulator's report", "A 2024 report by the Department of Hydrology", "the IMF's latest country report": its author speaks.
  const doc = String.raw`(?:\w+\s+)?(?:report|study|survey|review|assessment|figures|data|statement|audit|analysis|submission|estimates?|count|inquiry|investigation|evaluation|paper|research|records|accounts|census|bulletin|projections?)`;
  const byAuthor = new RegExp(String.raw`^(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?${doc}\s+(?:by|from|of)\s+(.+)$`, 'i').exec(cleaned.text);
  const possessor = new RegExp(String.raw`^(.+?)[’']s?\s+(?:own\s+)?(?:(?:latest|last|annual|new|first|recent|own|monthly|quarterly|\d{4})\s+)*${doc}$`, 'i').exec(cleaned.text);
  const named = new RegExp(String.raw`^(?:an?\s+|the\s+)?(?:\d{4}\s+)?((?:\p{Lu}[\p{L}-]*\s+)+)(?:(?:latest|annual|new|recent)\s+)*${doc}$`, 'u').exec(cleaned.text);
  const author = byAuthor?.[1] ?? possessor?.[1] ?? named?.[1]?.trim();
  if (author) {
    const at = cleaned.start + cleaned.text.indexOf(author);
    cleaned = { start: at, end: at + author.length, text: author };
    const r = discourse.resolve(cleaned, { create: true });
    if (r.actor && r.kind !== 'pronoun') {
      ctx.lastAuthor = { actor: r.actor, at };
      return fromActor(r.actor, `report-author-${r.rule}`);
    }
  }
  // "Its authors", "its economists": the body the possessive points back to.
  if (/^(?:its|their)\s+(?:own\s+)?(?:authors|researchers|economists|analysts|staff|managers|experts|inspectors|auditors|officials|officers)$/i.test(cleaned.text)) {
    const recent = ctx.lastAuthor && cleaned.start - ctx.lastAuthor.at < 600 ? ctx.lastAuthor.actor : undefined;
    const owner = recent ?? discourse.lastSubject(cleaned.start, (a) => a.type !== 'person') ?? discourse.lastMention(cleaned.start, (a) => a.type !== 'person' && a.type !== 'group');
    if (owner) return fromActor(owner, recent ? 'report-authors' : 'possessive-speaker');
  }
  // A person named in the phrase speaks, unless only as the place of a role ("One doctor at Civil Hospital").
  const prep = /\s(?:at|in|of|from|for|with|on)\s/i.exec(cleaned.text);
  const headText = prep ? cleaned.text.slice(0, prep.index) : cleaned.text;
  const roleFirst = prep && ROLE_NOUN.test(headText.replace(DETERMINERS, '').trim());
  const personsIn = discourse.actors.within(cleaned.start, cleaned.end).filter((m) => m.actor.type === 'person');
  // "One doctor at Civil Hospital": not the place; "the president of the Association, Rosa Delgado": the name in apposition.
  const persons = roleFirst ? personsIn.filter((m) => m.start < cleaned.start + prep.index || /,\s*$/.test(ctx.body.slice(cleaned.start, m.start))) : personsIn;
  const spanning = prep && discourse.actors.within(cleaned.start, cleaned.end).some((m) => m.start < cleaned.start + prep.index && m.end > cleaned.start + prep.index);
  const headPersons = prep && !spanning && !roleFirst ? persons.filter((m) => m.start < cleaned.start + prep.index) : persons;
  if (prep && !roleFirst && !spanning && !headPersons.length) {
    // "Small businesses in rural Montana and West Virginia": the collective at the head speaks;
    // "The partial lowering of Imja Tsho": nobody does.
    const r = discourse.resolve({ start: cleaned.start, end: cleaned.start + headText.length, text: headText }, { create: true });
    if (r.actor && r.kind !== 'pronoun' && r.kind !== 'we' && r.actor.type !== 'state') return fromActor(r.actor, r.rule);
  } else if (headPersons.length) return fromActor(headPersons[headPersons.length - 1]!.actor, 'person-in-phrase');
  // "the submission read", "the statement said": the one quoted just before wrote it.
  if (/^(?:the|that|this|its|their)\s+(?:report|study|survey|review|statement|submission|letter|ruling|judgment|judgement|document|paper|audit|assessment)$/i.test(cleaned.text)) {
    const recent = ctx.lastSpeaker && cleaned.start - ctx.lastSpeaker.at < 600 ? ctx.lastSpeaker.actor : undefined;
    if (recent) return fromActor(recent, 'document-of-last-speaker');
  }
  // "The main opposition party insists ...": a body named by its noun alone.
  const bodyNoun = /^(?:the|a|an|one)\s+(?:[\p{Ll}-]+\s+){0,3}(?:party|union|association|federation|lobby|coalition|alliance|network|movement|chamber|council|committee|commission|board|authority|agency|institute|foundation|society|company|firm|utility|regulator|tribunal)$/iu.exec(cleaned.text);
  if (bodyNoun) {
    const known = discourse.resolve(cleaned);
    if (known.actor) return fromActor(known.actor, known.rule);
    const name = cleaned.text.replace(DETERMINERS, '');
    const at = cleaned.end - name.length;
    return fromActor(discourse.create(name, 'organization', { start: at, end: cleaned.end, text: name }, 'speaker-body'), 'speaker-body');
  }
  // "A spokesman for the Meteorological Department": an unnamed voice speaks for its body.
  const voiceOf = /^(?:an?\s+|the\s+|one\s+)?(?:spokes(?:man|woman|person)|official|representative|source)\s+(?:for|of|at)\s+/i.exec(cleaned.text);
  if (voiceOf) {
    const body = discourse.actors.within(cleaned.start + voiceOf[0].length, cleaned.end)[0];
    if (body) return fromActor(body.actor, 'voice-of-body');
  }
  // "A senior BJP leader in Delhi": a role noun at the head makes a person, whatever else is named.
  // "The administration's own trade representative": the role, without its possessor.
  const head = cleaned.text
    .replace(DETERMINERS, '')
    .replace(/^.*[’']s\s+(?:own\s+)?/, '')
    .split(/\s+(?:in|from|on|at|of|within|for|with)\s+/i)[0]!
    .trim();
  if (ROLE_NOUN.test(head) && head.split(/\s+/).length <= 5 && !/^(?:he|she|it|they)$/i.test(head)) {
    const known = discourse.actors.actors.find((a) => [a.name, ...a.aliases].some((n) => n.toLowerCase() === head.toLowerCase()));
    if (known) return fromActor(known, 'role-known');
    const at = cleaned.start + cleaned.text.indexOf(head);
    return fromActor(discourse.create(head, 'person', { start: at, end: at + head.length, text: head }, 'speaker-role'), 'speaker-role');
  }
  // "its leaders", "their spokesman": the body the possessive points back to speaks.
  if (/^(?:its|their)\s+(?:\w+\s+)?(?:leaders?|spokes(?:man|woman|person)|officials?|representatives?|members)$/i.test(cleaned.text)) {
    const owner = discourse.lastSubject(cleaned.start, (a) => a.type !== 'person') ?? discourse.lastMention(cleaned.start, (a) => a.type !== 'person' && a.type !== 'state');
    if (owner) return fromActor(owner, 'possessive-speaker');
  }
  // "voices in the National Assembly", "sections of the press": a vague head keeps its qualifier.
  const vague = /^(?:some|many|others|few)\s+(?:in|within|of|from|at|on)\s/i.test(cleaned.text) ? cleaned.text : cleaned.text.replace(DETERMINERS, '');
  if (/^(?:voices|sections|circles|quarters|elements|those|people|some|many|others|few)\s+(?:in|within|of|from|at|on)\s/i.test(vague)) {
    const name = vague;
    const at = cleaned.start + cleaned.text.length - name.length;
    return fromActor(discourse.create(name, 'group', { start: at, end: at + name.length, text: name }, 'speaker-qualified'), 'speaker-qualified');
  }
  const r = discourse.resolve(cleaned, { create: true });
  if (r.actor) return fromActor(r.actor, r.rule);
  return undefined;
}

function trimTail(phrase: Mention): Mention {
  let text = phrase.text;
  while (SPEAKER_TAIL.test(text)) text = text.replace(SPEAKER_TAIL, '');
  return { start: phrase.start, end: phrase.start + text.length, text };
}

/** A speaker named in an attribution phrase ("the board's own annual report", "a report by the World Bank"). */
function speakerOfPhrase(body: string, start: number, end: number): Mention {
  let text = body.slice(start, end);
  let s = start;
  const by = /\b(?:by|from|of)\s+(.+)$/i.exec(text);
  if (by && /^(?:an?\s+|the\s+)?(?:(?:latest|last|most recent|recent|annual|new|first|\d{4}|own)\s+)*(?:\w+\s+)?(?:report|study|survey|figures|data|estimates?|analysis|review|statement|count|order|ruling|assessment|audit|census|projections?)\b/i.test(text)) {
    s = start + by.index + by[0].length - by[1]!.length;
    text = by[1]!;
  }
  const poss = /[’']s?\s/.exec(text);
  if (poss) text = text.slice(0, poss.index);
  return { start: s, end: s + text.length, text };
}

function fromActor(actor: ActorRecord, rule: string): Speaker {
  const type: SourceType = actor.type === 'person' ? 'person' : actor.type === 'group' ? 'group' : 'organization';
  return { name: actor.name, type, actor, rule };
}

function attribute(
  ctx: QuotationContext,
  speaker: Mention | Speaker,
  verb: string,
  content: [number, number],
  passages: QuotedPassage[],
  rule: string,
  confidence: number,
): Found {
  const source = 'name' in speaker ? speaker : speakerOf(ctx, speaker);
  if (!source) return { candidate: undefined, span: content };
  // Four or more of the speaker's own words in quotation marks make a direct quotation of them.
  const direct = passages.find((p) => p.start >= content[0] - 1 && p.end <= content[1] + 1 && p.words >= 4);
  const [s, e] = direct && !(direct.start === content[0] && direct.end === content[1]) && rule !== 'quote-then-verb' ? [direct.start, direct.end] : content;
  const evidence = ctx.anchor.evidence(s, e);
  if (!evidence.exact) return { candidate: undefined, span: content };
  ctx.lastSpeaker = { actor: source.actor, at: e };
  const claim = evidence.exact.replace(/^[“"‘]|[”"’]$/g, '');
  return {
    candidate: {
      evidence,
      source: { id: source.actor.id, name: source.name, type: source.type, actor: source.actor.id },
      kind: direct || passages.some((p) => p.start <= s && p.end >= e && p.words >= 4) ? 'direct' : 'indirect',
      verb: verb.toLowerCase() === verb ? verb : verb.toLowerCase(),
      claim: `${claim.charAt(0).toUpperCase()}${claim.slice(1)}`.replace(/[,;:]$/, '').slice(0, 1990),
      confidence: source.actor.confidence >= 0.5 ? confidence : confidence - 0.15,
      rule: `${rule}/${source.rule}`,
    },
    span: [s, e],
  };
}
