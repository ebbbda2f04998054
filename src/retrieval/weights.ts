/**
 * The hand-set weights and thresholds of retrieval and of the extractive answer, in one place, each with its
 * reason. Two sets are fitted rather than set by hand and live beside their fit: `RERANK_WEIGHTS` (rerank.ts,
 * coordinate ascent on MRR) and `DEFAULT_MODEL` (answerability.ts, logistic regression on the dev questions).
 * The Danish word lists the rules read live in `text/lexicon-da.ts`.
 */
export const WEIGHTS = {
  /** Credit a match earns, by how the matched term relates to the question's word (1 = the word itself). */
  credit: {
    /** The word itself, or an English word's Danish glossary term. */
    word: 1,
    /** A curated synonym (`corpus/_meta/synonyms.yaml`) or a particle verb written as one word: the same meaning. */
    synonym: 0.9,
    /** A part of a compound ("indkøb" in "innovationsindkøb"): on topic, not the same thing. */
    compound: 0.7,
    /** A corpus word one or two edits away: probably what was meant, not certainly. */
    typo: 0.8,
    /** A thesaurus synonym: a thesaurus mixes senses, so well below a curated synonym. */
    thesaurus: 0.35,
    /** A plain word of an everyday expression of several words ("gå i vasken" → "mislykkes"): search only. */
    expression: 0.6,
    /** A term the corpus writes with the word (`corpus-relations.ts`), times the pair's strength: a neighbour, no synonym. */
    relation: 0.3,
    /** Share of its credit a phrase expansion ("nursing home") gives each unknown word it stands for. */
    phraseShare: 0.9,
    /** Least credit that lets a word count towards the question's domain and the embedder's extra words. */
    domain: 0.7,
    /** Least credit of a synonym or glossary term handed to the embedder with the question. */
    embedded: 0.9,
  },
  query: {
    /** Lexical weight of a word from earlier turns relative to the question's own. */
    context: 0.5,
    /** Weight of a Danish word no chunk contains, as a share of the largest idf: it matters, and it is missing. */
    unknownWord: 0.6,
    /** The same for an English word over a Danish corpus: most English words simply have no Danish twin. */
    unknownEnglishWord: 0.3,
    /**
     * Shortest word of an English question matched to a corpus word by typo tolerance: a shorter one is an English
     * word ("main", "part"), which a Danish corpus word one letter away ("mail", "parti") does not translate.
     */
    englishTypoLength: 6,
    /** Content words from which a question counts as long: mostly story around the clause that asks. */
    longQuestion: 8,
    /** Thesaurus synonyms tried per word (a thesaurus lists the most central sense first). */
    thesaurusLimit: 12,
  },
  /** Pseudo-relevance feedback of the lexical leg. */
  feedback: {
    /** Top hits whose terms are pooled. */
    hits: 3,
    /** Hits a term must occur in to be added. */
    minHits: 2,
    /** Terms added. */
    terms: 4,
    /** Lexical weight of an added term: a hint, never the question's own words. */
    weight: 0.2,
  },
  rerank: {
    /** Ranking weight of a long question's story word relative to a word of the clause that asks. */
    story: 0.5,
    /** Proximity of a passage that holds only one of several question words. */
    lonelyProximity: 0.3,
    /** The numbers feature of a question without numbers: neutral. */
    noNumbers: 0.5,
    /**
     * Added to the score of a passage with a phone number or an e-mail when the question asks whom to contact: the
     * contact line says none of the question's words, so coverage alone ranks the page about the topic above it.
     */
    contactLine: 0.1,
    /** Weight of a follow-up's earlier-topic words in `coverage`, relative to its own words. */
    contextCoverage: 0.75,
  },
  evidence: {
    /** Least share of the question a sentence (with its headings) must cover to count as answering it. */
    minTypedCoverage: 0.25,
    /** A sentence is on topic when it covers at least this share of the best sentence's coverage. */
    onTopicShare: 0.5,
    /** Least fit of a sentence to the asked answer type for the type to count as answered. */
    minTypeFit: 0.5,
    /** Least credit that makes a question word central to a passage (compound parts count, typos less so). */
    central: 0.7,
    /** Least credit of a member that matches a focus head word (a synonym only as a word of its own, not inside a compound). */
    head: 0.9,
    /**
     * Least share of a follow-up's earlier topic a sentence must say to answer it without the follow-up's own words
     * ("Den blev udgivet den 10. oktober", with the sentence it points back to, for "hvornår udkom den?").
     */
    followUpTopic: 0.3,
    /**
     * Least share of a contact question a passage must cover for its phone number or e-mail to answer it: a contact
     * line says none of the question's words ("Spørgsmål kan rettes til …" under a page about the workshops).
     */
    contactPassage: 0.5,
    /**
     * Most of a share question's known words, besides the words that ask for the share, that the sentence giving the
     * share may leave unsaid ("hvor stor en andel af innovationerne sker med *private virksomheder*" is not answered
     * by the share of all external collaborations; one verb of the question's own, "foregår", may go unsaid). A count:
     * a word's idf says how rare it is, not whether it qualifies what is counted.
     */
    shareUnsaid: 1,
    /** A year of the question must stand in a top passage scoring at least this share of the best one. */
    yearPassageShare: 0.85,
  },
  /** How well a text fits an answer type (question-type.ts `typeFit`), besides 1 (fits) and 0 (does not). */
  typeFit: {
    /** An untyped question, or a why-question without a causal word: neither for nor against. */
    neutral: 0.5,
    /** A count written as a word ("tre"), not a digit. */
    numberWord: 0.6,
    /** A name without a role for a who-question. */
    nameWithoutRole: 0.8,
    /** A role without a name for a who-question. */
    roleWithoutName: 0.4,
    /** Only an acronym for a who-question (an organisation: "Arrangører var CFIA og VTU"). */
    acronymOnly: 0.6,
    /** Prose for a list question. */
    proseForList: 0.3,
  },
  /** The extractive answer (answer/extractive.ts). */
  compose: {
    /** Passages answered from: up to five, each scoring at least this share of the best. */
    poolShare: 0.6,
    /** The same for a question that asks several things ("hvornår …, og hvor …?"): each part's answer may lie apart. */
    partsPoolShare: 0.45,
    /** A unit's score: coverage of the question, fit to the answer type and its passage's relevance. */
    coverage: 0.35,
    typeFit: 0.2,
    passage: 0.45,
    /** Penalty of a unit under four words (a fragment) or over sixty (a wall of text). */
    fragment: 0.15,
    wall: 0.1,
    /** Penalty of a pointer to another document ("Læs mere i …"): it answers nothing itself. */
    pointer: 0.25,
    /** Added to the item a question points at by number ("punkt nummer tre"). */
    nth: 0.3,
    /**
     * Added, times the share of its words named, to a unit naming the thing a question asks about ("hvad siger
     * rådene om *tidshorisont*", "hvad er *kommunsk*"): in a long question the story's words must not outvote it.
     */
    topic: 0.2,
    /**
     * Added to a sentence that answers the question's focus the way the answerability gate checked it (a price for
     * "koster bogen noget?", a finding for "hvad viste rundspørgen?"): the sentence that answers comes first.
     */
    focus: 0.3,
    /**
     * Most sentences of an answer whose best sentence answers the focus itself ("Der deltog 50 …" for "hvor mange
     * deltog?"): the fact and one sentence of support, not every sentence about the day.
     */
    focusedSentences: 2,
    /**
     * Added to a sentence whose subject is what a "hvad er X?" question asks about ("OPI-toget er et værktøj …"): the
     * definition comes before an overview list's item that merely mentions X.
     */
    definition: 0.15,
    /**
     * Added to a sentence that names the number of items a list question asks for ("Kommunens *to* vigtigste
     * ressourcer er …" for "hvad er de to vigtigste ressourcer?"): it lists them inline.
     */
    listSize: 0.15,
    /**
     * Taken from the units of a passage that names none of the places the question asks about ("i Aalborg") when
     * another passage of the pool names one: "… værkstedet i Aalborg" is answered from Aalborg's passages.
     */
    otherEntity: 0.3,
    /** A list block's score: its lead-in and headings' coverage, its passage's relevance and a base. */
    blockCoverage: 0.6,
    blockPassage: 0.25,
    blockBase: 0.15,
    /** Taken from a list block's score when the question asks for a list of another length ("de to …"). */
    blockSizeMismatch: 0.3,
    /** Least score of a lead-in sentence to introduce its list. */
    leadIn: 0.3,
    /** Bonus of a sentence next to the best one (it usually carries on the same point). */
    adjacent: 0.08,
    /** Further sentences must score at least this share of the best. */
    proseShare: 0.6,
    /** Sentences sharing more than this share of terms with a chosen one are near-duplicates. */
    duplicate: 0.6,
  },
} as const;
