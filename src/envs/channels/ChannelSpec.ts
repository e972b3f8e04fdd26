/**
 * A channel described as plain data (scenario files, node parameters), tagged by `type`, and
 * its nominal loss rate. `createChannel` turns one into a CommandChannel.
 */
import type { ChannelTrace } from './ChannelTrace.js';
import type { DelaySpec } from './DelayChannel.js';
import { gilbertElliottLossRate, type GilbertElliottParameters } from './GilbertElliottChannel.js';
import type { ErasureSegment } from './ScheduledErasureChannel.js';

export type ChannelSpec =
  /** I.i.d. erasures with probability eps in [0, 1). */
  | { type: 'erasure'; eps: number }
  /** Burst losses. */
  | ({ type: 'gilbert-elliott' } & GilbertElliottParameters)
  /** I.i.d. erasures whose probability changes at given rounds. */
  | { type: 'schedule'; segments: readonly ErasureSegment[] }
  /** I.i.d. erasures, then a delivery delay (FIFO unless `reorder`). */
  | { type: 'delay'; eps: number; delay: DelaySpec; reorder?: boolean }
  /** Replay of a recorded realisation. */
  | { type: 'trace'; trace: ChannelTrace };

/**
 * The channel's erasure probability as a learner would bound it: eps for i.i.d. links, the
 * long-run loss rate for Gilbert-Elliott, the worst segment for a schedule, and the erased
 * fraction of a trace.
 */
export function nominalLossRate(spec: ChannelSpec): number {
  switch (spec.type) {
    case 'erasure':
    case 'delay':
      return spec.eps;
    case 'gilbert-elliott':
      return gilbertElliottLossRate(spec);
    case 'schedule':
      return Math.max(...spec.segments.map((s) => s.eps));
    case 'trace': {
      const n = spec.trace.delivered.length;
      return n === 0 ? 0 : spec.trace.delivered.filter((d) => d < 0).length / n;
    }
  }
}
