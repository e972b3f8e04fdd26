// The nextCommands / observe alternation guard shared by every erasure learner.
import { describe, expect, it } from 'vitest';
import { RoundSequence } from '../../../src/core/erasure/RoundSequence.js';

describe('RoundSequence', () => {
  it('accepts 0, 0, 1, 1, ... and counts observed rounds', () => {
    const seq = new RoundSequence('x');
    for (let t = 0; t < 3; t++) {
      seq.commands(t);
      expect(seq.observed).toBe(t);
      seq.observe(t);
    }
    expect(seq.observed).toBe(3);
  });

  it('names the expected round when a call is skipped, repeated or out of order', () => {
    const seq = new RoundSequence('batchsp2');
    expect(() => seq.commands(1)).toThrow('batchsp2.nextCommands: expected round 0, found 1');
    expect(() => seq.observe(0)).toThrow('batchsp2.observe: expected nextCommands(0) first, found round 0');
    seq.commands(0);
    expect(() => seq.commands(1)).toThrow(/before observe\(0\)/);
    expect(() => seq.observe(1)).toThrow('batchsp2.observe: expected round 0, found round 1');
  });
});
