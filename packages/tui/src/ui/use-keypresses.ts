import type { EventEmitter } from 'node:events';
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyDecoder, type Keypress } from './keys.js';

/**
 * Calls `handler` once per keypress, in order, however the keys arrived (see keys.ts). Ink's own
 * `useInput` hands over a run of printable characters as one string (`" 3"`, `"40\x7f3\r"`), so
 * the raw input is taken from Ink's input stream instead and split here.
 */
export function useKeypresses(handler: (key: Keypress) => void): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const emitter: EventEmitter | undefined = internal_eventEmitter;
    if (!emitter) return;
    const decoder = new KeyDecoder();
    let flushTimer: NodeJS.Immediate | undefined;
    const deliver = (keys: Keypress[]) => {
      for (const key of keys) handlerRef.current(key);
    };
    const onInput = (raw: string) => {
      if (flushTimer) clearImmediate(flushTimer);
      deliver(decoder.push(raw));
      // Ink already waited for the rest of an escape sequence; whatever is still held is a key.
      if (decoder.hasPending()) flushTimer = setImmediate(() => deliver(decoder.flush()));
    };
    emitter.on('input', onInput);
    return () => {
      if (flushTimer) clearImmediate(flushTimer);
      emitter.off('input', onInput);
    };
  }, [internal_eventEmitter]);
}
