// openBagFile: bare files, bag directories (with and without metadata.yaml), and one-line errors for bad paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMessage, encode, fullDefinition, MsgType } from '../../../src/msg/index.js';
import { BagFormatError } from '../../../src/record/BagFormatError.js';
import { createBagFile } from '../../../src/record/node/createBagFile.js';
import { openBagFile } from '../../../src/record/node/openBagFile.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'fb-open-bag-'));

async function record(path: string): Promise<void> {
  const bag = createBagFile(path);
  bag.writer.addTopic({ name: '/r', type: MsgType.JointReward, definition: fullDefinition(MsgType.JointReward), offeredQos: [] });
  bag.writer.write('/r', encode(MsgType.JointReward, defaultMessage(MsgType.JointReward)), 5n);
  await bag.close();
}

async function count(path: string): Promise<number> {
  const bag = await openBagFile(path);
  try {
    let n = 0;
    for await (const _ of bag.reader.messages()) n++;
    return n;
  } finally {
    await bag.close();
  }
}

describe('openBagFile', () => {
  it('opens a bare file and a bag directory', async () => {
    const root = tmp();
    await record(join(root, 'a.mcap'));
    await record(join(root, 'dirbag'));
    expect(await count(join(root, 'a.mcap'))).toBe(1);
    expect(await count(join(root, 'dirbag'))).toBe(1);
    const opened = await openBagFile(join(root, 'dirbag'));
    expect(opened.mcapPath).toBe(join(root, 'dirbag', 'dirbag_0.mcap'));
    await opened.close();
  });

  it('finds the single .mcap of a directory without metadata.yaml', async () => {
    const dir = join(tmp(), 'bag');
    await record(dir);
    rmSync(join(dir, 'metadata.yaml'));
    expect(await count(dir)).toBe(1);
  });

  it('gives one-line errors naming the path', async () => {
    const root = tmp();
    await expect(openBagFile(join(root, 'missing.mcap'))).rejects.toThrow(new BagFormatError(`cannot open recording '${join(root, 'missing.mcap')}': no such file or directory`));
    writeFileSync(join(root, 'text.mcap'), 'hello');
    await expect(openBagFile(join(root, 'text.mcap'))).rejects.toThrow(/text\.mcap: not a readable (indexed )?MCAP file/);
    mkdirSync(join(root, 'empty'));
    await expect(openBagFile(join(root, 'empty'))).rejects.toThrow("has no metadata.yaml and 0 .mcap files; expected exactly one");
    mkdirSync(join(root, 'sqlite'));
    writeFileSync(join(root, 'sqlite', 'metadata.yaml'), 'rosbag2_bagfile_information:\n  storage_identifier: sqlite3\n  relative_file_paths: [a.db3]\n');
    await expect(openBagFile(join(root, 'sqlite'))).rejects.toThrow("Expected storage_identifier 'mcap', found 'sqlite3'");
  });
});
