/** Errors caused by what the user gave (files, options): reported in one line, exit code 2. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}
