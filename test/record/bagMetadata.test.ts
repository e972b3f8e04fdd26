// metadata.yaml of a bag directory: the rosbag2 version-5 layout, and parsing it back.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBagMetadata, writeBagMetadata } from '../../src/record/bagMetadata.js';
import { parseOfferedQosProfiles } from '../../src/record/offeredQosProfiles.js';
import { COMMAND_QOS } from '../../src/runtime/Qos.js';

const summary = {
  messageCount: 3,
  startTimeNs: 100_000_000n,
  endTimeNs: 350_000_000n,
  topics: [{ name: '/agent_0/cmd', type: 'fleet_bandits_msgs/msg/ArmCommand', offeredQos: [COMMAND_QOS], messageCount: 3 }],
};

describe('writeBagMetadata', () => {
  it('writes the rosbag2 bagfile information with every field ros2 bag info reads', () => {
    const doc = parse(writeBagMetadata(summary, 'bag_0.mcap')).rosbag2_bagfile_information;
    expect(doc).toMatchObject({
      version: 5,
      storage_identifier: 'mcap',
      duration: { nanoseconds: 250_000_000 },
      starting_time: { nanoseconds_since_epoch: 100_000_000 },
      message_count: 3,
      compression_format: '',
      compression_mode: '',
      relative_file_paths: ['bag_0.mcap'],
      files: [{ path: 'bag_0.mcap', starting_time: { nanoseconds_since_epoch: 100_000_000 }, duration: { nanoseconds: 250_000_000 }, message_count: 3 }],
    });
    const [topic] = doc.topics_with_message_count;
    expect(topic.message_count).toBe(3);
    expect(topic.topic_metadata).toMatchObject({ name: '/agent_0/cmd', type: 'fleet_bandits_msgs/msg/ArmCommand', serialization_format: 'cdr' });
    // The QoS is a YAML string inside the YAML, as rosbag2 stores it.
    expect(parseOfferedQosProfiles(topic.topic_metadata.offered_qos_profiles)).toEqual([COMMAND_QOS]);
  });

  it('parses back what a reader needs, and names a missing field', () => {
    expect(parseBagMetadata(writeBagMetadata(summary, 'bag_0.mcap'))).toEqual({ version: 5, storageIdentifier: 'mcap', relativeFilePaths: ['bag_0.mcap'], messageCount: 3 });
    expect(() => parseBagMetadata('foo: 1')).toThrow("expected a top-level key 'rosbag2_bagfile_information'");
    expect(() => parseBagMetadata('rosbag2_bagfile_information:\n  version: 5')).toThrow('relative_file_paths must be a list of file names');
  });
});
