// A command that leaves work running which it cannot stop (the FSRS optimizer's native fit, after
// Ctrl+C) asks the `grill` binary to exit as soon as the command returns, instead of waiting for
// that work. Only the binary's entry point (cli.ts) acts on it: tests that run commands in their
// own process are never exited.
let requested = false;

/** Asks the binary to exit once the command has returned (its output written). */
export function exitWhenDone(): void {
  requested = true;
}

export function exitRequested(): boolean {
  return requested;
}
