import { isMqError, ManualClock, MessageQueue } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';
import { BindingTrie } from '../../src/routing/binding-trie.js';
import { patternWords, topicWords } from '../../src/routing/topic-words.js';

const message = new MessageQueue({ provider: new InMemoryProvider(), clock: new ManualClock() }).createMessage('t', 1);

/** [topic, pattern, matches]: `*` is exactly one word, `#` zero or more. */
const TABLE: [string, string, boolean][] = [
  ['a', 'a', true],
  ['a', 'b', false],
  ['a.b', 'a.b', true],
  ['a.b', 'a', false],
  ['a', 'a.b', false],
  ['a.b', 'a.*', true],
  ['a', 'a.*', false],
  ['a.b.c', 'a.*', false],
  ['a.b.c', 'a.*.c', true],
  ['a.b.c', '*.*.*', true],
  ['a.b', '*.*.*', false],
  ['a', '*', true],
  ['a.b', '*', false],
  ['a', '#', true],
  ['a.b.c.d', '#', true],
  ['a', 'a.#', true],
  ['a.b', 'a.#', true],
  ['a.b.c', 'a.#', true],
  ['b.a', 'a.#', false],
  ['a', '#.a', true],
  ['x.y.a', '#.a', true],
  ['a.x', '#.a', false],
  ['a.b', 'a.#.b', true],
  ['a.x.b', 'a.#.b', true],
  ['a.x.y.z.b', 'a.#.b', true],
  ['a.x.y.z', 'a.#.b', false],
  ['a.b.b', 'a.#.b', true],
  ['a.x.b.c', 'a.#.b.*', true],
  ['a.b', 'a.#.b.*', false],
  ['a.b.c', '#.b.#', true],
  ['b', '#.b.#', true],
  ['a.c', '#.b.#', false],
  ['a.b', '#.#', true],
  ['a', '*.#', true],
  ['a', '#.*', true],
  ['a.b', '*.#.*', true],
  ['a', '*.#.*', false],
  ['conversation.user42.closed', 'conversation.*.closed', true],
  ['conversation.user42.opened', 'conversation.*.closed', false],
  ['conversation.user42.closed', 'conversation.#', true],
  ['conversation', 'conversation.#', true],
  ['conversations.user42', 'conversation.#', false],
  ['Conversation.x', 'conversation.#', false],
  ['a-b:c_d.e', 'a-b:c_d.*', true],
];

describe('topic patterns', () => {
  it(`match as the table says (${TABLE.length} pairs)`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    const failures = TABLE.filter(([topic, pattern, expected]) => {
      const trie = new BindingTrie();
      trie.add(patternWords(pattern), { queue: 'q', matches: undefined });
      return (trie.match(topicWords(topic), message).length === 1) !== expected;
    });
    expect(failures).toEqual([]);
  });

  it('match all at once in one trie: each queue once, sorted', () => {
    const trie = new BindingTrie();
    TABLE.forEach(([, pattern], i) => trie.add(patternWords(pattern), { queue: `q${String(i).padStart(2, '0')}`, matches: undefined }));
    for (const [topic] of TABLE) {
      const expected = TABLE.flatMap(([, pattern], i) => (matchesAlone(topic, pattern) ? [`q${String(i).padStart(2, '0')}`] : []));
      expect(trie.match(topicWords(topic), message)).toEqual([...new Set(expected)].sort());
    }
  });

  it.each([
    ['a..b', 'word 2 is empty'],
    ['.a', 'word 1 is empty'],
    ['a.', 'word 2 is empty'],
    ['', '1–256 characters'],
    ['#x', 'word 1 "#x" is not allowed'],
    ['a.b*', 'word 2 "b*" is not allowed'],
    ['a.#.b c', 'word 3 "b c" is not allowed'],
  ])('a pattern %j is refused, naming it (%s)', (pattern, why) => {
    expect(() => patternWords(pattern)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT', message: expect.stringContaining(why) }));
  });

  it.each(['a..b', 'a.', '.', 'a.*', 'a.#', ''])('a topic %j with an empty word or a wildcard is refused', (topic) => {
    let error: unknown;
    try {
      topicWords(topic);
    } catch (e) {
      error = e;
    }
    expect(isMqError(error, 'MQ_INVALID_ARGUMENT')).toBe(true);
  });
});

function matchesAlone(topic: string, pattern: string): boolean {
  const trie = new BindingTrie();
  trie.add(patternWords(pattern), { queue: 'q', matches: undefined });
  return trie.match(topicWords(topic), message).length === 1;
}
