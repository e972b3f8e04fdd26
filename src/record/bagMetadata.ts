/**
 * `metadata.yaml` of a rosbag2 bag directory (format version 5, what Humble writes and every later
 * release reads): storage `mcap`, the file list, duration, start time, and each topic with its
 * type, `cdr` serialization, offered QoS string and message count. Tools that open a directory
 * (ros2 bag info/play on a directory, rosbags, rqt_bag) read it; a bare .mcap file does not need it.
 */
import { parse as parseYaml } from 'yaml';
import type { BagSummary } from './BagWriter.js';
import { writeOfferedQosProfiles } from './offeredQosProfiles.js';
import { CDR_MESSAGE_ENCODING } from './ros2Profile.js';

export const BAG_METADATA_FILE = 'metadata.yaml';
const METADATA_VERSION = 5;

/** The metadata.yaml text for a bag directory holding one MCAP file, `relativePath`. */
export function writeBagMetadata(summary: BagSummary, relativePath: string): string {
  // Strings are JSON-quoted: a JSON string is a valid YAML double-quoted scalar, and that is how
  // rosbag2 stores the multi-line QoS text.
  const q = (s: string) => JSON.stringify(s);
  const duration = summary.endTimeNs - summary.startTimeNs;
  const lines = [
    'rosbag2_bagfile_information:',
    `  version: ${METADATA_VERSION}`,
    '  storage_identifier: mcap',
    '  duration:',
    `    nanoseconds: ${duration}`,
    '  starting_time:',
    `    nanoseconds_since_epoch: ${summary.startTimeNs}`,
    `  message_count: ${summary.messageCount}`,
    summary.topics.length === 0 ? '  topics_with_message_count: []' : '  topics_with_message_count:',
  ];
  for (const t of summary.topics) {
    lines.push(
      '    - topic_metadata:',
      `        name: ${q(t.name)}`,
      `        type: ${q(t.type)}`,
      `        serialization_format: ${CDR_MESSAGE_ENCODING}`,
      `        offered_qos_profiles: ${q(writeOfferedQosProfiles(t.offeredQos))}`,
      `      message_count: ${t.messageCount}`,
    );
  }
  lines.push(
    '  compression_format: ""',
    '  compression_mode: ""',
    '  relative_file_paths:',
    `    - ${q(relativePath)}`,
    '  files:',
    `    - path: ${q(relativePath)}`,
    '      starting_time:',
    `        nanoseconds_since_epoch: ${summary.startTimeNs}`,
    '      duration:',
    `        nanoseconds: ${duration}`,
    `      message_count: ${summary.messageCount}`,
  );
  return lines.join('\n') + '\n';
}

/** What a reader needs from metadata.yaml: the storage plugin and the data files, in order. */
export interface BagMetadata {
  version: number;
  storageIdentifier: string;
  relativeFilePaths: string[];
  messageCount: number;
}

/** Parses metadata.yaml; throws naming the missing or wrong field. */
export function parseBagMetadata(text: string): BagMetadata {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`metadata.yaml is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const info = (doc as { rosbag2_bagfile_information?: Record<string, unknown> } | null)?.rosbag2_bagfile_information;
  if (typeof info !== 'object' || info === null) throw new Error("metadata.yaml: expected a top-level key 'rosbag2_bagfile_information'");
  const paths = info.relative_file_paths;
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
    throw new Error('metadata.yaml: rosbag2_bagfile_information.relative_file_paths must be a list of file names');
  }
  return {
    version: typeof info.version === 'number' ? info.version : 0,
    storageIdentifier: String(info.storage_identifier ?? ''),
    relativeFilePaths: paths as string[],
    messageCount: typeof info.message_count === 'number' ? info.message_count : 0,
  };
}
