/** A recording that cannot be read: not MCAP, not the ros2 profile, or a message its schema cannot decode. */
export class BagFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BagFormatError';
  }
}
