import { groupShare, type QueryAnalysis, type TermGroup } from '../retrieval/query.js';
import type { Chunk } from '../corpus/types.js';
import { knownStripper } from '../retrieval/evidence.js';
import { ASKS_DEFINITION } from '../retrieval/focus.js';
import { askedList, isOrdinal, saysNumber, typeFit } from '../retrieval/question-type.js';
import { GOES_ON, REFERS_BACK } from '../text/lexicon-da.js';
import type { Passage } from '../retrieval/types.js';
import { memoise } from '../text/memoise.js';
import { nameSpellings } from '../text/orthography.js';
import { escapeRegExp, wordIn } from '../text/regexp.js';
import type { Analyzer, Language } from '../text/types.js';
import { toCitation } from './citations.js';
import type { ComposeInput, Composer } from './composer.js';
import { type AnswerMessages, escalationOffer, notCoveredText } from './messages.js';
import type { AnswerEvent, AnswerResponse, Citation } from './types.js';
import { WEIGHTS } from '../retrieval/weights.js';

/** The extractive answer's weights (see retrieval/weights.ts). */
const W = WEIGHTS.compose;
/** Answer types a name answers: one the question already says does not. */
const NAMED_TYPES: ReadonlySet<string> = new Set(['where', 'who', 'name']);

export interface ExtractiveOptions {
  analyzer: Analyzer;
  /** Splits a passage line into sentences, returning verbatim substrings. */
  splitSentences: (text: string) => string[];
  messages: AnswerMessages;
  /** Public base URL for citation links ('' for relative). */
  baseUrl: string;
  /** Most sentences in a prose answer. */
  maxSentences?: number;
  /** Most items in a list answer. */
  maxItems?: number;
}

/** A candidate piece of an answer: a sentence, a list item or a table row of one passage. */
interface Unit {
  text: string;
  kind: 'sentence' | 'item' | 'row';
  passage: number;
  /** Position inside the passage. */
  pos: number;
  /** The passage's score relative to the best passage. */
  rel: number;
  /** Index of the list block the unit belongs to (items/rows only). */
  block: number;
  terms: ReadonlySet<string>;
  score: number;
}

/** The part of a unit that depends on its passage's text alone. */
type UnitText = Pick<Unit, 'text' | 'kind' | 'pos' | 'block' | 'terms'>;

/** What scoring a unit needs of the question, worked out once per answer. */
interface UnitScoring {
  query: QueryAnalysis;
  required: TermGroup[];
  /** Removes the names the question already holds (for answer types that must add a new one). */
  fresh: (text: string) => string;
  /** The list position the question points at ("punkt nummer tre"), if any. */
  nth: number | undefined;
  /** The analyzed words of the thing the question asks about (its topic focus), if it names one. */
  topic: string[];
  /** The sentences that answer the question's focus (`Evidence.focusSentences`), as `focusKey` writes them. */
  focus: ReadonlySet<string>;
  /** Whether the question asks what its topic is ("hvad er OPI-toget?"): a sentence that defines it answers. */
  definition: boolean;
  /** How many items a list question asks for ("de to vigtigste …"), if it says. */
  listSize: number | undefined;
}

/** The opening words of a sentence and the verb that makes it a definition ("OPI-toget *er* et værktøj …"). */
const DEFINES = /^((?:\S+\s+){0,2}?\S+)\s+(?:er|var|betyder|kaldes|is|are|was|means)\s/iu;

/** Whether a passage (title, section or text) names one of `entities` ("Aalborg", also written "Ålborg"). */
function namesAny(p: Passage, entities: readonly string[]): boolean {
  if (entities.length === 0) return false;
  const text = `${p.chunk.title} ${p.chunk.section} ${p.chunk.text}`.toLowerCase();
  return entities.some((e) => nameSpellings(e.toLowerCase()).some((name) => wordIn(text, name, false)));
}

/** A sentence or list line as compared with `Evidence.focusSentences`: no list marker, spaces collapsed. */
function focusKey(text: string): string {
  return text
    .replace(/^\s*[-*•]\s+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * The default composer: answers with the sentences (or list items) of the retrieved
 * passages that best answer the question, each followed by `[n]` for its passage.
 */
export function createExtractiveComposer(options: ExtractiveOptions): Composer {
  const maxSentences = options.maxSentences ?? 4;
  const FRESH_TYPES = new Set(['who', 'where', 'name', 'time', 'when']);
  const maxItems = options.maxItems ?? 12;

  function refuse(): AnswerResponse {
    return {
      answer: notCoveredText(options.messages),
      answered: false,
      citations: [],
      escalation: escalationOffer(options.messages),
    };
  }

  function compose(input: ComposeInput): AnswerResponse {
    const { passages, query } = input;
    if (passages.length === 0 || !query) return refuse();
    const top = passages[0]!.score || 1;
    // a question that asks several things may find each answered in its own passage, less relevant to the whole
    const share = query.parts.length > 1 ? W.partsPoolShare : W.poolShare;
    const pool = passages.slice(0, 5).filter((p, i) => i === 0 || p.score >= top * share);
    const scoring = unitScoring(query, input.decision?.evidence.focusSentences ?? []);
    // a question about something in a named place is answered from the passages that name it, when some do ("hvem
    // var medværter på værkstedet i Aalborg" is not answered by København's hosts)
    const places = query.askingEntities.filter((e) =>
      new RegExp(`(?<!\\p{L})(?:i|på|in|at)\\s+${escapeRegExp(e)}(?!\\p{L})`, 'iu').test(query.asking),
    );
    const named = pool.map((p) => namesAny(p, places));
    const apart = named.some(Boolean) && !named.every(Boolean);
    const units = pool.flatMap((p, i) => unitsOf(p, i, top, scoring, apart && !named[i] ? W.otherEntity : 0));
    if (units.length === 0) return refuse();
    const best = units.reduce((a, b) => (b.score > a.score ? b : a));
    const block = query.type === 'list' ? bestBlock(units, pool, scoring, top) : undefined;
    const chosen =
      block && block.score >= best.score
        ? withAntecedents(listAnswer(block.first, units, maxItems), units)
        : wantsList(query, best, units) || leadsIntoList(best, units)
          ? withSubAnswers(withAntecedents(listAnswer(best, units, maxItems), units), units, query)
          : withSubAnswers(
              proseAnswer(
                best,
                units,
                scoring.focus.has(focusKey(best.text)) ? W.focusedSentences : maxSentences,
                query.nth !== undefined,
              ),
              units,
              query,
            );
    return render(chosen, pool, input);
  }

  function unitScoring(query: QueryAnalysis, focusSentences: readonly string[]): UnitScoring {
    const known = new Set(query.entities.map((e) => e.toLowerCase()));
    const strip = knownStripper(known);
    return {
      query,
      required: query.groups.filter((g) => !g.context),
      fresh: FRESH_TYPES.has(query.type) ? strip : (text) => text,
      nth: query.nth,
      // (an ordinal names a position, not a topic: "det *første* af de fem råd")
      topic:
        query.focus?.kind === 'topic'
          ? query.focus.words.filter((w) => !isOrdinal(w)).flatMap((w) => options.analyzer.terms(w))
          : [],
      focus: new Set(focusSentences.map(focusKey)),
      definition: query.focus?.kind === 'topic' && ASKS_DEFINITION.test(query.asking),
      listSize: query.type === 'list' ? askedList(query.asking)?.size : undefined,
    };
  }

  function unitsOf(p: Passage, index: number, top: number, scoring: UnitScoring, penalty = 0): Unit[] {
    const rel = p.score / top;
    const out = unitTexts(p.chunk).map((t): Unit => ({ ...t, passage: index, rel, score: 0 }));
    for (const [i, u] of out.entries()) {
      // a sentence pointing back ("*Den* blev udgivet …") is about what the one before it names
      const before = i > 0 && u.kind === 'sentence' && REFERS_BACK.test(u.text) ? out[i - 1]!.terms : undefined;
      u.score = unitScore(u, scoring, rel, before) - penalty;
    }
    if (scoring.nth !== undefined) boostNth(out, p, scoring.nth);
    const size = scoring.listSize;
    if (size !== undefined) {
      // an item of a list of another length than asked is not one of the items asked for, nor is its lead-in
      const length = (block: number) => out.filter((v) => v.block === block && v.kind !== 'sentence').length;
      for (const [i, u] of out.entries()) {
        const list = u.kind !== 'sentence' ? u : isLeadIn(u) ? out[i + 1] : undefined;
        if (list && list.kind !== 'sentence' && length(list.block) !== size) u.score -= W.listSize;
      }
    }
    return out;
  }

  /** The passage-independent part of a chunk's units, cached by chunk (a chunk's text never changes). */
  const unitTexts = memoise((chunk: Chunk): UnitText[] => splitUnits(chunk.text, chunk.language), 5_000);

  /** A passage's sentences, list items and table rows in order, with their terms. */
  function splitUnits(text: string, language: Language | undefined): UnitText[] {
    const out: UnitText[] = [];
    let block = -1;
    let inBlock = false;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line) {
        inBlock = false;
        continue;
      }
      const item = /^([-*•]|\d+[.)])\s+/.test(line);
      const row = !item && /^[^:;]{1,150}: .+(; [^:;]{1,60}: .+)+$/.test(line);
      if (item || row) {
        if (!inBlock) block++;
        inBlock = true;
        out.push(unitText(line.replace(/^([-*•])\s+/, ''), item ? 'item' : 'row', out.length, block, language));
      } else {
        inBlock = false;
        for (const s of options.splitSentences(line)) out.push(unitText(s, 'sentence', out.length, -1, language));
      }
    }
    return out;
  }

  /** A question about the nth item ("punkt nummer tre") is answered by that item, or by the section numbered n. */
  function boostNth(units: Unit[], p: Passage, nth: number): void {
    const numbered = new RegExp(String.raw`(^|\s)${nth}(?=[.:)]?\s)`, 'u');
    if (p.chunk.sectionPath.some((h) => numbered.test(` ${h} `))) for (const u of units) u.score += W.nth;
    const blocks = new Map<number, Unit[]>();
    for (const u of units) if (u.kind === 'item') blocks.set(u.block, [...(blocks.get(u.block) ?? []), u]);
    for (const items of blocks.values()) {
      const marked = items.find((u) => new RegExp(String.raw`^${nth}[.)]\s`, 'u').test(u.text));
      const item = marked ?? (items.every((u) => !/^\d+[.)]\s/u.test(u.text)) ? items[nth - 1] : undefined);
      if (item) item.score += W.nth;
    }
  }

  /** For list questions: the list block (two or more items) whose items, lead-in and headings best cover the question. */
  function bestBlock(units: Unit[], pool: Passage[], { required, listSize }: UnitScoring, top: number) {
    let best: { first: Unit; score: number } | undefined;
    const blocks = new Map<string, Unit[]>();
    for (const u of units) {
      if (u.kind === 'sentence') continue;
      const key = `${u.passage}:${u.block}`;
      blocks.set(key, [...(blocks.get(key) ?? []), u]);
    }
    for (const items of blocks.values()) {
      if (items.length < 2) continue;
      const first = items[0]!;
      const p = pool[first.passage]!;
      const lead = units.find((u) => u.passage === first.passage && u.pos === first.pos - 1 && u.kind === 'sentence');
      // the items are the answer: judge a list by what introduces it (headings and lead-in), not by its items
      const terms = new Set([
        ...options.analyzer.terms(`${p.chunk.title} ${p.chunk.sectionPath.join(' ')}`),
        ...(lead?.terms ?? []),
      ]);
      // "hvad er de to vigtigste ressourcer": a list of another length is another list
      const sized = listSize !== undefined && items.length !== listSize ? W.blockSizeMismatch : 0;
      const score =
        W.blockCoverage * groupShare(required, terms) + W.blockPassage * (p.score / top) + W.blockBase - sized;
      if (!best || score > best.score) best = { first, score };
    }
    return best;
  }

  function unitText(
    text: string,
    kind: Unit['kind'],
    pos: number,
    block: number,
    language: Language | undefined,
  ): UnitText {
    return { text: text.trim(), kind, pos, block, terms: new Set(options.analyzer.terms(text, language)) };
  }

  function unitScore(
    u: Unit,
    { query, required, fresh, topic, focus, definition, listSize }: UnitScoring,
    passageRel: number,
    before?: ReadonlySet<string>,
  ): number {
    const coverage = groupShare(required, before ? { has: (t: string) => u.terms.has(t) || before.has(t) } : u.terms);
    const named = topic.length === 0 ? 0 : topic.filter((t) => u.terms.has(t)).length / topic.length;
    const words = u.text.split(/\s+/).length;
    const lengthPenalty = words < 4 ? W.fragment : words > 60 ? W.wall : 0;
    // pointers to other documents ("Læs mere i …", "Se også …", 'Se "Titel"') answer nothing themselves
    const pointer = /^(læs (mere|også)|se (også|mere|guiden|afsnittet|dokumentet|["“”«„'])|read more|see also)/iu.test(
      u.text,
    )
      ? W.pointer
      : 0;
    // a sentence whose subject is the thing asked about defines it ("OPI-toget er et værktøj …"), where an item of an
    // overview list only mentions it
    const subject = definition && u.kind === 'sentence' ? DEFINES.exec(u.text)?.[1] : undefined;
    const defines = subject !== undefined && options.analyzer.terms(subject).some((t) => topic.includes(t));
    // a sentence answers "hvem/hvor/hvornår" when it adds a name, place or date the question does not already hold
    // "hvad er de to vigtigste ressourcer?" is answered by a sentence that names two of them ("Kommunens to …")
    const sized = listSize !== undefined && u.kind === 'sentence' && saysNumber(u.text, listSize) ? W.listSize : 0;
    return (
      (defines ? W.definition : 0) +
      sized +
      W.coverage * coverage +
      W.typeFit * typeFit(query.type, fresh(u.text)) +
      W.passage * passageRel +
      W.topic * named +
      (focus.has(focusKey(u.text)) ? W.focus : 0) -
      lengthPenalty -
      pointer
    );
  }

  /** The best unit is a lead-in followed by its list: the answer is the list, never the lead-in alone. */
  function leadsIntoList(best: Unit, units: Unit[]): boolean {
    if (!isLeadIn(best)) return false;
    const next = units.find((u) => u.passage === best.passage && u.pos === best.pos + 1);
    return next !== undefined && next.kind !== 'sentence';
  }

  function wantsList(query: QueryAnalysis, best: Unit, units: Unit[]): boolean {
    // only a list question gets a whole list; otherwise the best item answers like a sentence
    if (query.type !== 'list') return false;
    if (best.kind !== 'sentence') return true;
    const next = units.find((u) => u.passage === best.passage && u.pos === best.pos + 1);
    return next !== undefined && next.kind !== 'sentence';
  }

  /** The list block holding (or following) the best unit, with its lead-in sentence. */
  function listAnswer(best: Unit, units: Unit[], limit: number): Unit[] {
    const anchor =
      best.kind === 'sentence' ? units.find((u) => u.passage === best.passage && u.pos === best.pos + 1)! : best;
    const items = units.filter(
      (u) => u.passage === anchor.passage && u.block === anchor.block && u.kind !== 'sentence',
    );
    const first = items[0]!;
    const lead = units.find((u) => u.passage === first.passage && u.pos === first.pos - 1 && u.kind === 'sentence');
    const picked = items.slice(0, limit);
    return lead && (lead === best || lead.score > W.leadIn) ? [lead, ...picked] : picked;
  }

  /**
   * The best unit and the units that support it, at most `limit` (fewer when the best answers the focus itself);
   * `pointsAtItem`: the question asks for the nth item of a list, which may then support the answer alone.
   */
  function proseAnswer(best: Unit, units: Unit[], limit = maxSentences, pointsAtItem = false): Unit[] {
    const chosen = [best];
    const ranked = units.filter((u) => u !== best).sort((a, b) => adjusted(b) - adjusted(a));
    function adjusted(u: Unit): number {
      const adjacent = u.passage === best.passage && Math.abs(u.pos - best.pos) === 1 ? W.adjacent : 0;
      return u.score + adjacent;
    }
    // the sentence after the best that points back to it ("Den profilerer …") carries on its point: it comes next
    const follower = units.find(
      (u) => u.passage === best.passage && u.pos === best.pos + 1 && u.kind === 'sentence' && REFERS_BACK.test(u.text),
    );
    if (best.kind === 'sentence' && follower && follower.score > 0) chosen.push(follower);
    for (const u of ranked) {
      if (chosen.length >= Math.min(limit, maxSentences)) break;
      if (chosen.includes(u)) continue;
      // an item reads as a fragment on its own ("- Samlede 50 af …", "3. nogen, der kan guide …"): a list comes whole
      // after its lead-in (withLists), or not at all — unless the question points at an item ("nummer tre")
      if (u.kind === 'item' && !pointsAtItem) continue;
      if (adjusted(u) < best.score * W.proseShare) break;
      if (chosen.some((c) => overlap(c.terms, u.terms) > W.duplicate || c.text === u.text)) continue;
      chosen.push(u);
    }
    return withLists(withAntecedents(chosen, units), units);
  }

  /**
   * A lead-in ("… sammen med tre medværter:") comes with its list, or not at all: a chosen lead-in brings the
   * list that follows it in its passage (at most `maxItems / 2` items); one with no list there is left out.
   */
  function withLists(chosen: Unit[], units: Unit[]): Unit[] {
    const out: Unit[] = [];
    for (const u of chosen) {
      if (out.includes(u)) continue;
      if (!isLeadIn(u)) {
        out.push(u);
        continue;
      }
      const next = units.find((v) => v.passage === u.passage && v.pos === u.pos + 1);
      if (!next || next.kind === 'sentence') continue;
      const list = units.filter((v) => v.passage === u.passage && v.block === next.block && v.kind !== 'sentence');
      // an item of this list is already the answer ("punkt nummer tre"): the lead-in introduces it
      if (chosen.some((c) => list.includes(c))) out.push(u);
      else out.push(u, ...list.slice(0, Math.ceil(maxItems / 2)).filter((v) => !out.includes(v)));
    }
    return out.length > 0 ? out : chosen.slice(0, 1);
  }

  /** A sentence that announces a list (ends with a colon). */
  function isLeadIn(u: Unit): boolean {
    return u.kind === 'sentence' && /:\s*$/u.test(u.text);
  }

  /**
   * A chosen sentence that points back ("… punkterer det myten", "Tallet stammer fra …") brings the sentence before it;
   * so does a list's lead-in ("*Det* betyder typisk to ting:").
   */
  function withAntecedents(chosen: Unit[], units: Unit[]): Unit[] {
    const out = [...chosen];
    const before = (u: Unit) =>
      units.find((v) => v.passage === u.passage && v.pos === u.pos - 1 && v.kind === 'sentence');
    for (const u of chosen) {
      if (u === chosen[0] || u.kind !== 'sentence' || !REFERS_BACK.test(u.text)) continue;
      const antecedent = before(u);
      if (antecedent && !out.includes(antecedent)) out.push(antecedent);
    }
    // the answer never opens on a connective or a pointer: "Derfor valgte COI …" comes after the reasons it draws
    // on ("… to ud af tre innovationer. Samtidig kommer der …"), at most two sentences back
    let first = chosen[0];
    for (let step = 0; step < 2 && first?.kind === 'sentence' && leansBack(first); step++) {
      const antecedent = before(first);
      if (!antecedent) break;
      if (!out.includes(antecedent)) out.push(antecedent);
      first = antecedent;
    }
    return out;
  }

  /** A question that asks several things gets, for each sub-question the answer does not yet cover, its best unit. */
  function withSubAnswers(chosen: Unit[], units: Unit[], query: QueryAnalysis): Unit[] {
    if (query.parts.length < 2) return chosen;
    const out = [...chosen];
    const all = query.groups.filter((g) => !g.context);
    const stripKnown = knownStripper(new Set(query.entities.map((e) => e.toLowerCase())));
    for (const part of query.parts) {
      const groups = all.filter((g) => part.tokens.has(g.token));
      if (groups.length === 0) continue;
      const { type } = part;
      // a part's own words are often only a verb ("hvor det *foregår*"): the answer to it may say the question's
      // topic instead ("Stedet var … Halmtorvet 27" for "… værkstedet i København")
      // a place or name the question itself says answers nothing ("i Sorø" for "hvor foregår cykeldagen i Sorø")
      const kindFit = (u: Unit) => typeFit(type, NAMED_TYPES.has(type) ? stripKnown(u.text) : u.text);
      const partFit = (u: Unit) =>
        (W.coverage * (groupShare(groups, u.terms) + groupShare(all, u.terms))) / 2 +
        W.typeFit * kindFit(u) +
        W.passage * u.rel;
      // a part asking for a kind of fact (a time, a place, a person) is answered by a unit that gives one
      const typed = type !== 'other' && type !== 'list';
      const near = units.filter(
        (u) => groupShare(groups, u.terms) > 0 || (typed && kindFit(u) >= 1 && groupShare(all, u.terms) > 0),
      );
      const fitting = typed ? near.filter((u) => kindFit(u) >= 1) : [];
      const candidates = fitting.length > 0 ? fitting : near;
      if (candidates.length === 0) continue;
      const pick = candidates.reduce((a, b) => (partFit(b) > partFit(a) ? b : a));
      const covered = out.some((c) => (fitting.length === 0 || kindFit(c) >= 1) && partFit(c) >= partFit(pick));
      if (!out.includes(pick) && !covered) out.push(pick);
    }
    return out;
  }

  function render(chosen: Unit[], pool: Passage[], input: ComposeInput): AnswerResponse {
    const ordered = orderUnits(chosen);
    const numbers = new Map<number, number>();
    const citations: Citation[] = [];
    const cite = (passage: number) => {
      let n = numbers.get(passage);
      if (n === undefined) {
        n = citations.length + 1;
        numbers.set(passage, n);
        citations.push(toCitation(pool[passage]!, n, options.baseUrl));
      }
      return n;
    };
    const lines: string[] = [];
    let prose: string[] = [];
    for (const u of ordered) {
      const marked = `${u.text} [${cite(u.passage)}]`;
      if (u.kind === 'sentence') prose.push(marked);
      else {
        if (prose.length) lines.push(prose.join(' '));
        prose = [];
        lines.push(/^\d+[.)]\s/.test(u.text) ? marked : `- ${marked}`);
      }
    }
    if (prose.length) lines.push(prose.join(' '));
    const parts: string[] = [];
    // "answered from Danish sources" only when some cited passage is Danish
    const danishSource = [...numbers.keys()].some((i) => (pool[i]!.chunk.language ?? 'da') === 'da');
    if (input.query?.english && danishSource) parts.push(options.messages.englishPreface);
    parts.push(lines.join('\n'));
    // a long question's story ("… en kommune på Fyn …") is not what it asks: its unknown words are not missing
    const missing = (input.decision?.missing ?? []).filter((token) =>
      input.query?.groups.some((g) => g.token === token && !g.known && !g.context && !g.story),
    );
    if (missing.length > 0) parts.push(options.messages.partial.replace('{missing}', missing.join(', ')));
    return { answer: parts.join('\n'), answered: true, citations };
  }

  async function* stream(input: ComposeInput): AsyncIterable<AnswerEvent> {
    yield* answerEvents(compose(input));
  }

  return {
    id: 'extractive-v1',
    compose: async (input) => compose(input),
    stream,
  };
}

/** The events the extractive composer streams a finished answer as: its citations, its words, then the answer. */
export async function* answerEvents(answer: AnswerResponse): AsyncIterable<AnswerEvent> {
  yield { type: 'citations', citations: answer.citations };
  for (const piece of answer.answer.match(/\S+\s*/g) ?? []) yield { type: 'delta', text: piece };
  yield { type: 'done', answer };
}

/**
 * The answer's order: the best unit first (after the sentence it points back to, if any), then the rest with
 * the best unit's passage first and each passage in its own text order; a list stays whole after its lead-in.
 */
function orderUnits(chosen: Unit[]): Unit[] {
  const best = chosen[0];
  const passageOrder: number[] = [];
  for (const u of chosen) if (!passageOrder.includes(u.passage)) passageOrder.push(u.passage);
  const textOrder = [...chosen].sort(
    (a, b) => passageOrder.indexOf(a.passage) - passageOrder.indexOf(b.passage) || a.pos - b.pos,
  );
  // a table row stands alone: the one that answers best comes first ("Risikoprofil – …" before "Horisonter – …")
  if (best?.kind === 'row') return [best, ...textOrder.filter((u) => u !== best)];
  if (best?.kind !== 'sentence' || chosen.some((u) => u.kind !== 'sentence')) return textOrder;
  // the sentences the best one leans back on come right before it, in text order
  const lead = [best];
  for (let first = best; leansBack(first); ) {
    const before = chosen.find((u) => u.passage === first.passage && u.pos === first.pos - 1 && u.kind === 'sentence');
    if (!before || lead.includes(before)) break;
    lead.unshift(before);
    first = before;
  }
  return [...lead, ...textOrder.filter((u) => !lead.includes(u))];
}

/** A sentence that needs the one before it: it points back to it or goes on from it. */
function leansBack(u: Unit): boolean {
  return REFERS_BACK.test(u.text) || GOES_ON.test(u.text);
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / Math.min(a.size, b.size);
}
