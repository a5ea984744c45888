import { InvalidInputError } from '@grill/core';

/** Reads a password from the terminal without echoing it. */
export function promptPassword(question: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) {
    throw new InvalidInputError(
      'no-tty',
      'no terminal to ask for the password: pass it on stdin with --password-stdin',
    );
  }
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let password = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(password);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new InvalidInputError('cancelled', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') password = password.slice(0, -1);
        else if (ch >= ' ') password += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads the whole of stdin (for --password-stdin), without the trailing newline. */
export async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, '');
}
