import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The kinds of request the soak mixes, with their share of the traffic. */
export const MIX = [
  ['ask', 0.35],
  ['search', 0.25],
  ['stream', 0.15],
  ['feedback', 0.1],
  ['escalation', 0.05],
  ['documents', 0.05],
  ['health', 0.05],
] as const;
export type Kind = (typeof MIX)[number][0];

/** Questions off the topic, which the help desk should decline and offer a human for. */
const OFF_TOPIC = [
  'Hvad koster en pizza i Rom?',
  'Hvornår spiller FC København næste gang?',
  'Kan du skrive et digt om efteråret?',
];

/** The evaluation questions (test/eval/questions.yaml) plus a few off-topic ones. */
export function loadQuestions(path = 'test/eval/questions.yaml'): string[] {
  try {
    const doc = parse(readFileSync(path, 'utf8')) as unknown;
    const list = Array.isArray(doc) ? doc : ((doc as { questions?: unknown[] })?.questions ?? []);
    const found = list
      .map((q) => (q && typeof q === 'object' ? (q as { question?: unknown }).question : undefined))
      .filter((q): q is string => typeof q === 'string' && q.length > 0);
    return [...found, ...OFF_TOPIC];
  } catch {
    return ['Hvad står forkortelsen OPI for?', 'Hvilke fire typer OPI-samarbejde findes der?', ...OFF_TOPIC];
  }
}

/** Pick a kind by the mix, from a uniform number in [0, 1). */
export function pickKind(u: number): Kind {
  let acc = 0;
  for (const [kind, share] of MIX) {
    acc += share;
    if (u < acc) return kind;
  }
  return MIX[0][0];
}

/** One request to send: how to build it and how to judge its response. */
export interface Planned {
  url: string;
  init: RequestInit;
  /** True when the response is what the contract promises (status and, for streams, a `done` event). */
  check: (res: Response) => Promise<boolean>;
}

const json = { 'content-type': 'application/json' };
const ok = (status: number) => async (res: Response) => {
  await res.arrayBuffer();
  return res.status === status;
};

/** The request for `kind`, question number `n`. */
export function plan(base: string, kind: Kind, questions: readonly string[], n: number): Planned {
  const question = questions[n % questions.length]!;
  switch (kind) {
    case 'ask':
      return {
        url: `${base}/api/ask`,
        init: { method: 'POST', headers: json, body: JSON.stringify({ question }) },
        check: ok(200),
      };
    case 'search':
      return { url: `${base}/api/search?q=${encodeURIComponent(question)}&k=5`, init: {}, check: ok(200) };
    case 'stream':
      return {
        url: `${base}/api/ask`,
        init: { method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: JSON.stringify({ question }) },
        check: async (res) => res.status === 200 && /event: done/.test(await res.text()),
      };
    case 'feedback':
      return {
        url: `${base}/api/feedback`,
        init: {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ question, answer: 'Svar [1]', rating: n % 2 ? 'up' : 'down' }),
        },
        check: ok(201),
      };
    case 'escalation':
      return {
        url: `${base}/api/escalations`,
        init: { method: 'POST', headers: json, body: JSON.stringify({ question, email: `soak${n}@example.dk` }) },
        check: ok(201),
      };
    case 'documents':
      return { url: `${base}/api/documents`, init: {}, check: ok(200) };
    case 'health':
      return { url: `${base}/healthz`, init: {}, check: ok(200) };
  }
}
