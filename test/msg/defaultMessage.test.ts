// defaultMessage(): complete messages at their .msg defaults, fresh on every call.
import { describe, expect, it } from 'vitest';
import { defaultMessage, messageTypeNames, MsgType, validateStructure } from '../../src/msg/index.js';

describe('defaultMessage', () => {
  it.each(messageTypeNames())('%s is complete and encodable', (type) => {
    expect(validateStructure(type, defaultMessage(type))).toBeNull();
  });

  it('uses zeros, .msg defaults and fixed lengths', () => {
    expect(defaultMessage(MsgType.ArmCommand)).toEqual({
      header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' },
      agent_id: 0,
      arm: 0,
      seq: 0,
      round: 0,
    });
    expect(defaultMessage('geometry_msgs/msg/Quaternion')).toEqual({ x: 0, y: 0, z: 0, w: 1 });
    expect(defaultMessage('geometry_msgs/msg/PoseWithCovariance').covariance).toEqual(new Array(36).fill(0));
    expect(defaultMessage('sensor_msgs/msg/CompressedImage').data).toEqual(new Uint8Array(0));
  });

  it('returns new objects each time', () => {
    const a = defaultMessage(MsgType.GraphTopology);
    const b = defaultMessage(MsgType.GraphTopology);
    a.node_ids.push(1);
    a.header.frame_id = 'map';
    expect(b.node_ids).toEqual([]);
    expect(b.header.frame_id).toBe('');
  });
});
