/** Public surface of the command-link models (erasure, burst, schedule, delay, trace). */
export { checkProbability, type CommandChannel } from './CommandChannel.js';
export { ErasureChannel, type ErasureChannelOptions } from './ErasureChannel.js';
export {
  GilbertElliottChannel,
  gilbertElliottBadShare,
  gilbertElliottLossRate,
  type GilbertElliottChannelOptions,
  type GilbertElliottParameters,
} from './GilbertElliottChannel.js';
export { ScheduledErasureChannel, type ErasureSegment, type ScheduledErasureChannelOptions } from './ScheduledErasureChannel.js';
export { DelayChannel, delaySpecProblem, meanDelay, type DelayChannelOptions, type DelaySpec } from './DelayChannel.js';
export { DeliveryQueue } from './DeliveryQueue.js';
export { channelTraceProblem, type ChannelTrace } from './ChannelTrace.js';
export { TraceChannel, type TraceChannelOptions } from './TraceChannel.js';
export { RecordingChannel, type RecordingChannelOptions } from './RecordingChannel.js';
export { nominalLossRate, type ChannelSpec } from './ChannelSpec.js';
export { createChannel } from './createChannel.js';
