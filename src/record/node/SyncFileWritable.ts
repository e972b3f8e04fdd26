/**
 * An MCAP `IWritable` over a file descriptor that writes synchronously. A recorder's last bytes
 * then never wait on the event loop: once the writer's promise chain has run (microtasks only),
 * the data is in the file, even if the process exits right after a node's `shutdown()`.
 */
import { writeSync } from 'node:fs';
import type { IWritable } from '@mcap/core';

export class SyncFileWritable implements IWritable {
  readonly #fd: number;
  #position = 0n;

  constructor(fd: number) {
    this.#fd = fd;
  }

  async write(buffer: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < buffer.byteLength) offset += writeSync(this.#fd, buffer, offset, buffer.byteLength - offset);
    this.#position += BigInt(buffer.byteLength);
  }

  position(): bigint {
    return this.#position;
  }
}
