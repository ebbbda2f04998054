import { describe, expect, it } from 'vitest';
import { channelText } from '../../src/channels/shared/messages.js';
import { textsFor } from '../../src/widget/texts.js';

describe('widget texts', () => {
  it('thank for feedback in the same words as Slack and Teams', () => {
    expect(textsFor('da').feedbackThanks).toBe(channelText.feedbackThanks);
  });

  it('have the same keys in Danish and English, none of them empty', () => {
    const da = textsFor('da');
    const en = textsFor('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    for (const [key, value] of [...Object.entries(da), ...Object.entries(en)]) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
  });
});
