/**
 * Public surface of `record/`: ROS 2 bags as MCAP files (profile ros2, ros2msg schemas, CDR).
 * Everything here runs in the browser too; file-system helpers are in `record/node/`.
 */
export { BagFormatError } from './BagFormatError.js';
export { BagReader } from './BagReader.js';
export type { BagReaderOptions, ReadMessagesOptions, RecordedMessage, RecordedTopic } from './BagReader.js';
export { BagWriter } from './BagWriter.js';
export type { BagSummary, BagTopic, BagWriterOptions } from './BagWriter.js';
export { BAG_METADATA_FILE, parseBagMetadata, writeBagMetadata } from './bagMetadata.js';
export type { BagMetadata } from './bagMetadata.js';
export { indexAtOrBefore, loadRecording, loadRecordingBytes, messageAtOrBefore, messagesBetween } from './loadRecording.js';
export type { LoadRecordingOptions, Recording, TopicTrack } from './loadRecording.js';
export {
  adaptOfferToRecordedOffers,
  adaptRequestToOffers,
  DEFAULT_REPLAY_DEPTH,
  parseOfferedQosProfiles,
  writeOfferedQosProfiles,
} from './offeredQosProfiles.js';
export type { RecordedQos } from './offeredQosProfiles.js';
export { plainMessage } from './plainMessage.js';
export { BAG_LIBRARY, CDR_MESSAGE_ENCODING, OFFERED_QOS_KEY, ROS2_PROFILE, ROS2MSG_SCHEMA_ENCODING } from './ros2Profile.js';
