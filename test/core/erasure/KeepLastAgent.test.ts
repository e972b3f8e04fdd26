// The keep-last agent: base action from its own stream, last arrival wins, stale commands too.
import { describe, expect, it } from 'vitest';
import { KeepLastAgent } from '../../../src/core/erasure/KeepLastAgent.js';
import { Rng } from '../../../src/core/random.js';

describe('KeepLastAgent', () => {
  it('plays its base action, drawn as the first int(K) of its stream, until a command arrives', () => {
    const agent = new KeepLastAgent({ arms: 10, rng: new Rng(5).stream('agent/2') });
    expect(agent.baseAction).toBe(new Rng(5).stream('agent/2').int(10));
    expect(agent.play()).toBe(agent.baseAction);
    expect(agent.play()).toBe(agent.baseAction);
    expect(agent.received).toBe(0);
  });

  it('keeps the last command received across silent rounds', () => {
    const agent = new KeepLastAgent({ arms: 5, rng: new Rng(1) });
    agent.receive(0, 3);
    expect(agent.play()).toBe(3);
    expect(agent.play()).toBe(3);
    agent.receive(2, 1);
    expect(agent.play()).toBe(1);
  });

  it('among arrivals of one round takes the latest sent, whatever the arrival order', () => {
    const agent = new KeepLastAgent({ arms: 5, rng: new Rng(1) });
    agent.receive(7, 4);
    agent.receive(5, 2);
    expect(agent.play()).toBe(4);
  });

  it('adopts a stale command that arrives after a newer one (reordering)', () => {
    const agent = new KeepLastAgent({ arms: 5, rng: new Rng(1) });
    agent.receive(9, 4);
    expect(agent.play()).toBe(4);
    agent.receive(8, 2);
    expect(agent.play()).toBe(2);
  });

  it('resets to its base action and rejects a bad arm count', () => {
    const agent = new KeepLastAgent({ arms: 5, rng: new Rng(3) });
    agent.receive(0, (agent.baseAction + 1) % 5);
    agent.play();
    agent.reset();
    expect(agent.play()).toBe(agent.baseAction);
    expect(() => new KeepLastAgent({ arms: 0, rng: new Rng(1) })).toThrow(/'arms' parameter of a KeepLastAgent must be an integer >= 1, found 0/);
  });
});
