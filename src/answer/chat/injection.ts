/**
 * Patterns of text addressed to a language model rather than to a reader
 * ("ignore previous instructions", "du er nu …", "svar i stedet …"), in Danish and English.
 */
const INSTRUCTION_LIKE: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules?|above|previous|prior|earlier)\b/iu,
  /\b(ignorer|glem|se bort fra|tilsidesæt)\b.{0,40}\b(instruks\p{L}*|instruktion\p{L}*|regl\p{L}*|ovenstående|tidligere|forrige|prompt\p{L}*)/iu,
  /\b(system ?prompt|system message|systembesked|developer message)\b/iu,
  /\b(you are now|act as|from now on|pretend to be|du er nu|fra nu af|opfør dig som|lad som om du)\b/iu,
  /\b(svar|skriv|sig|fortæl|reply|respond|answer|say|tell|write)\b.{0,40}\b(i stedet|instead)\b/iu,
  /<\/?(system|assistant|user|instructions?)>/iu,
];

/** True when a sentence reads like an instruction to a language model. */
export function isInstructionLike(sentence: string): boolean {
  return INSTRUCTION_LIKE.some((re) => re.test(sentence));
}

/**
 * Replaces instruction-like sentences of a passage with `placeholder` (or removes them when
 * `placeholder` is ''), so that they are neither shown to the model nor accepted as support.
 */
export function neutralizeInstructions(text: string, placeholder: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(SENTENCE, (sentence) => {
    if (!isInstructionLike(sentence)) return sentence;
    removed++;
    const lead = sentence.match(/^\s*/)?.[0] ?? '';
    return placeholder === '' ? lead : `${lead}${placeholder}`;
  });
  return { text: out, removed };
}

/** A sentence: up to a sentence end followed by a capital, digit or the end, or up to a line break. */
const SENTENCE = /[^\n]+?(?:[.!?…]+(?=\s+["«„(\p{Lu}\p{N}]|\s*$)|(?=\n)|$)/gu;
