/**
 * Builds the CommandChannel a ChannelSpec describes, on the channel's stream. Stream use: the
 * loss model draws from `rng` itself (`channel/<j>`); a delay draws from `rng.stream('delay')`
 * (`channel/<j>/delay`), so adding a delay does not change which commands are erased.
 */
import type { Rng } from '../../core/random.js';
import type { ChannelSpec } from './ChannelSpec.js';
import type { CommandChannel } from './CommandChannel.js';
import { DelayChannel } from './DelayChannel.js';
import { ErasureChannel } from './ErasureChannel.js';
import { GilbertElliottChannel } from './GilbertElliottChannel.js';
import { ScheduledErasureChannel } from './ScheduledErasureChannel.js';
import { TraceChannel } from './TraceChannel.js';

export function createChannel(spec: ChannelSpec, rng: Rng): CommandChannel {
  switch (spec.type) {
    case 'erasure':
      return new ErasureChannel({ eps: spec.eps, rng });
    case 'gilbert-elliott':
      return new GilbertElliottChannel({ ...spec, rng });
    case 'schedule':
      return new ScheduledErasureChannel({ segments: spec.segments, rng });
    case 'delay':
      return new DelayChannel({
        inner: new ErasureChannel({ eps: spec.eps, rng }),
        delay: spec.delay,
        reorder: spec.reorder ?? false,
        rng: rng.stream('delay'),
      });
    case 'trace':
      return new TraceChannel({ trace: spec.trace });
  }
}
