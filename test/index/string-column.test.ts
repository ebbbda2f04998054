import { describe, expect, it } from 'vitest';
import { StringColumn } from '../../src/index/string-column.js';

describe('StringColumn', () => {
  const words = ['udbud', 'æbleøl', 'ål', '', 'innovationspartnerskab', '日本', 'a#b'];

  it('gives back each string at its position and finds each by value', () => {
    const column = StringColumn.from(words);
    expect(column.length).toBe(words.length);
    words.forEach((w, i) => {
      expect(column.at(i)).toBe(w);
      expect(column.indexOf(w)).toBe(i);
    });
    expect(column.indexOf('udbu')).toBe(-1);
    expect(column.indexOf('udbuds')).toBe(-1);
    expect(column.indexOf('aal')).toBe(-1);
  });

  it('finds a string listed twice at its last position', () => {
    const column = StringColumn.from(['x', 'y', 'x', 'z']);
    expect(column.indexOf('x')).toBe(2);
  });

  it('lives in a SharedArrayBuffer and reads the same from its payload', () => {
    const column = StringColumn.from(words);
    expect(column.payload.buffer).toBeInstanceOf(SharedArrayBuffer);
    const again = StringColumn.fromPayload(column.payload);
    expect(words.map((w) => again.indexOf(w))).toEqual(words.map((_, i) => i));
    expect(again.at(1)).toBe('æbleøl');
  });

  it('holds many strings (the hash table grows with them)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `term${i}`);
    const column = StringColumn.from(many);
    expect(column.indexOf('term4321')).toBe(4321);
    expect(column.indexOf('term5000')).toBe(-1);
  });

  it('refuses a payload whose header does not fit its length', () => {
    const column = StringColumn.from(words);
    expect(() => StringColumn.fromPayload(column.payload.subarray(0, column.payload.length - 4))).toThrow(
      /Strengsøjlen er beskadiget \(længden passer ikke\)/,
    );
  });
});
