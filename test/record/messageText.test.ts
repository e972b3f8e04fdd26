import { describe, expect, it } from 'vitest';
import { csvCell, flattenMessage, messageJsonLine, nsToSeconds } from '../../src/record/messageText.js';

describe('text forms of recorded messages', () => {
  it('JSON lines keep NaN, infinities and huge integers as strings, and times exactly', () => {
    const line = messageJsonLine({ topic: '/learner_state', type: 'x/msg/Y', logTimeNs: 1_700_000_000_123_456_789n, message: { estimates: [0.5, NaN, Infinity, -Infinity], big: 2n ** 64n, bytes: new Uint8Array([1, 2]) } });
    expect(JSON.parse(line)).toEqual({ t: '1700000000.123456789', topic: '/learner_state', type: 'x/msg/Y', msg: { estimates: [0.5, 'NaN', 'Infinity', '-Infinity'], big: '18446744073709551616', bytes: [1, 2] } });
    expect(nsToSeconds(5n)).toBe('0.000000005');
    expect(nsToSeconds(-1_500_000_000n)).toBe('-1.500000000');
  });

  it('CSV: nested fields by dotted path in field order, arrays as one JSON cell, RFC 4180 quoting', () => {
    const fields = flattenMessage({ header: { stamp: { sec: 1, nanosec: 2 }, frame_id: 'map' }, counts: [1, 2], label: 'a,"b"', ok: true });
    expect([...fields.keys()]).toEqual(['header.stamp.sec', 'header.stamp.nanosec', 'header.frame_id', 'counts', 'label', 'ok']);
    expect([...fields.values()].map(csvCell)).toEqual(['1', '2', 'map', '"[1,2]"', '"a,""b"""', 'true']);
    expect(csvCell([NaN])).toBe('"[""NaN""]"');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell(undefined)).toBe('');
  });
});
