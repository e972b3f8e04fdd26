/** Node.js side of `record/`: bags on disk (bare .mcap files and rosbag2 bag directories). */
export { createBagFile, isBareMcapPath } from './createBagFile.js';
export type { BagFile } from './createBagFile.js';
export { openBagFile } from './openBagFile.js';
export type { OpenedBag } from './openBagFile.js';
export { SyncFileWritable } from './SyncFileWritable.js';
