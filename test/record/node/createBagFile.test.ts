// createBagFile: a bare .mcap file, or a rosbag2 bag directory with metadata.yaml; bad paths fail before recording.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMessage, encode, fullDefinition, MsgType } from '../../../src/msg/index.js';
import { parseBagMetadata } from '../../../src/record/bagMetadata.js';
import { createBagFile, isBareMcapPath } from '../../../src/record/node/createBagFile.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'fb-create-bag-'));

function fill(bag: ReturnType<typeof createBagFile>): void {
  bag.writer.addTopic({ name: '/r', type: MsgType.JointReward, definition: fullDefinition(MsgType.JointReward), offeredQos: [] });
  for (let i = 0; i < 3; i++) bag.writer.write('/r', encode(MsgType.JointReward, { ...defaultMessage(MsgType.JointReward), round: i }), BigInt(i));
}

describe('createBagFile', () => {
  it('tells files from directories by the .mcap extension', () => {
    expect(isBareMcapPath('a/b.mcap')).toBe(true);
    expect(isBareMcapPath('a/B.MCAP')).toBe(true);
    expect(isBareMcapPath('a/bag')).toBe(false);
  });

  it('writes a bare file (creating folders) that starts and ends with the MCAP magic', async () => {
    const path = join(tmp(), 'deep', 'run.mcap');
    const bag = createBagFile(path);
    fill(bag);
    expect(await bag.close()).toMatchObject({ messageCount: 3 });
    const bytes = readFileSync(path);
    const magic = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];
    expect([...bytes.subarray(0, 8)]).toEqual(magic);
    expect([...bytes.subarray(bytes.length - 8)]).toEqual(magic);
    await expect(bag.close()).rejects.toThrow('is already closed');
  });

  it('writes a bag directory: DIR/DIR_0.mcap and a metadata.yaml naming it', async () => {
    const dir = join(tmp(), 'mybag');
    const bag = createBagFile(dir);
    expect(bag.mcapPath).toBe(join(dir, 'mybag_0.mcap'));
    fill(bag);
    await bag.close();
    expect(readdirSync(dir).sort()).toEqual(['metadata.yaml', 'mybag_0.mcap']);
    expect(parseBagMetadata(readFileSync(join(dir, 'metadata.yaml'), 'utf8'))).toMatchObject({ relativeFilePaths: ['mybag_0.mcap'], messageCount: 3 });
  });

  it('refuses to record over an existing bag directory, and an empty path', () => {
    const dir = join(tmp(), 'old');
    mkdirSync(dir);
    writeFileSync(join(dir, 'metadata.yaml'), '');
    expect(() => createBagFile(dir)).toThrow(`cannot record to '${dir}': it already exists`);
    expect(() => createBagFile('  ')).toThrow('the recording path is empty');
  });

  it('names the file it cannot create', () => {
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, '');
    expect(() => createBagFile(join(blocker, 'x', 'run.mcap'))).toThrow(/recording: '.*file' is not a directory/);
  });
});
