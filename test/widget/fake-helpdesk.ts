import type { AskOptions } from '../../src/answer/helpdesk.js';
import type { AnswerEvent, AnswerResponse, AskRequest } from '../../src/answer/types.js';
import { FAKE_ANSWER, FakeHelpdesk } from '../support/fake-helpdesk.js';

/** Questions the widget tests ask, and what the fake answers to each. */
export const WIDGET_QUESTIONS = {
  /** Answered, with two citations, streamed word by word. */
  answered: 'Hvordan kommer vi i gang med et OPI-projekt?',
  /** Off-topic: `answered: false` with an escalation offer. */
  unanswered: 'Hvad koster en pizza i Rom?',
  /** Cites a document full of script and event-handler payloads. */
  xss: 'Hvad står der i det mistænkelige dokument?',
  /** An answer of ten paragraphs, longer than the panel is high. */
  long: 'Fortæl mig alt om OPI-processen, trin for trin.',
} as const;

/** The first words of the long answer. */
export const LONG_ANSWER_START = 'Trin 1 af 10';

/** The answer to `WIDGET_QUESTIONS.long`: ten paragraphs citing the canned guide. */
export const LONG_ANSWER: AnswerResponse = {
  ...FAKE_ANSWER,
  answer: Array.from(
    { length: 10 },
    (_, i) =>
      `Trin ${i + 1} af 10: beskriv behovet, find partnere, aftal roller og rettigheder skriftligt, og følg op på fremdriften undervejs [${(i % 2) + 1}].`,
  ).join('\n\n'),
};

/** Set to a number by any payload that manages to run. */
export const XSS_FLAG = '__opiXss';

/** An answer whose text and citations carry script, event-handler and `javascript:` payloads. */
export const XSS_ANSWER: AnswerResponse = {
  answer:
    `Dokumentet nævner <img src=x onerror="window.${XSS_FLAG}=1"> og <script>window.${XSS_FLAG}=2</script> [1].\n\n` +
    `- Et link <a href="javascript:window.${XSS_FLAG}=3">klik</a> [2]\n- **Fed** tekst [3]`,
  answered: true,
  citations: [
    {
      id: 1,
      docId: 'xss-dokument',
      chunkId: 'xss-dokument#payloads',
      title: `<img src=x onerror="window.${XSS_FLAG}=4">Mistænkeligt dokument`,
      section: `<script>window.${XSS_FLAG}=5</script>Afsnit`,
      text: `Tekst med <svg onload="window.${XSS_FLAG}=6"></svg> og <iframe src="javascript:window.${XSS_FLAG}=7"></iframe>.`,
      url: `javascript:window.${XSS_FLAG}=8`,
      score: 0.9,
    },
    {
      id: 2,
      docId: 'xss-dokument',
      chunkId: 'xss-dokument#data',
      title: 'Data-link',
      section: 'Links',
      text: 'En kilde med en data:-adresse.',
      url: `data:text/html,<script>window.${XSS_FLAG}=9</script>`,
      score: 0.8,
    },
    {
      id: 3,
      docId: 'xss-dokument',
      chunkId: 'xss-dokument#ok',
      title: 'Almindeligt afsnit',
      section: 'Slut',
      text: 'Et helt almindeligt afsnit.',
      url: '/docs/xss-dokument#ok',
      score: 0.7,
    },
  ],
};

/** The fake's answers plus a streaming pace, so a test can see the answer arrive in pieces. */
export class WidgetFakeHelpdesk extends FakeHelpdesk {
  constructor(private readonly deltaDelayMs = 60) {
    super();
  }

  override answerFor(question: string): AnswerResponse {
    if (question === WIDGET_QUESTIONS.xss) return structuredClone(XSS_ANSWER);
    if (question === WIDGET_QUESTIONS.answered) return structuredClone(FAKE_ANSWER);
    if (question === WIDGET_QUESTIONS.long) return structuredClone(LONG_ANSWER);
    return super.answerFor(question);
  }

  override async *askStream(request: AskRequest, options?: AskOptions): AsyncIterable<AnswerEvent> {
    for await (const event of super.askStream(request, options)) {
      const pace = request.question === WIDGET_QUESTIONS.long ? 2 : this.deltaDelayMs;
      if (event.type === 'delta') await new Promise((r) => setTimeout(r, pace));
      yield event;
    }
  }
}
