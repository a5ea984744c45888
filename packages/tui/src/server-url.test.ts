import { describe, expect, it } from 'vitest';
import { isLoopback } from './server-url.js';

describe('isLoopback', () => {
  it('knows the names and addresses of this machine, as URL parses them', () => {
    for (const url of [
      'http://localhost:8787',
      'http://127.0.0.1',
      'http://127.8.9.10',
      'http://[::1]:1',
      'http://[::ffff:127.0.0.1]',
      'http://api.localhost',
    ])
      expect([url, isLoopback(new URL(url).hostname)]).toEqual([url, true]);
  });

  it('takes every other host for one across a network', () => {
    for (const url of [
      'http://example.com',
      'http://10.0.0.1',
      'http://0.0.0.0',
      'http://[::]',
      'http://127.0.0.1.example.com',
      'http://[::ffff:10.0.0.1]',
      'http://localhost.example.com',
    ])
      expect([url, isLoopback(new URL(url).hostname)]).toEqual([url, false]);
  });
});
