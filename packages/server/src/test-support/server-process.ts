import type { ChildProcess } from 'node:child_process';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output; resolves when it has exited and its streams are closed. */
export function wait(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves with a grill-server's base URL once it logs that it is listening; rejects if it exits first. */
export function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /Server listening at (http:\/\/[^"\s]+)/.exec(seen)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${seen}`)));
  });
}
