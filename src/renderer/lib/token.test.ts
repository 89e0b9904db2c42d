import { describe, expect, it } from 'vitest';
import { hostApiUrl, takeToken, TOKEN_STORAGE_KEY } from './token';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('takeToken', () => {
  it('moves the token from the URL into storage and gives the URL without it', () => {
    const storage = new MemoryStorage();
    const taken = takeToken('http://127.0.0.1:5123/?token=abc123&view=today#x', storage);
    expect(taken).toEqual({ token: 'abc123', cleanedUrl: 'http://127.0.0.1:5123/?view=today#x' });
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('abc123');
  });

  it('drops the question mark when the token was the only parameter', () => {
    expect(takeToken('http://127.0.0.1:5123/?token=abc', null).cleanedUrl).toBe('http://127.0.0.1:5123/');
  });

  it('falls back to the stored token after a reload', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'kept');
    expect(takeToken('http://127.0.0.1:5123/', storage)).toEqual({ token: 'kept', cleanedUrl: null });
  });

  it('has no token when neither has one, and survives storage that throws', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('disabled');
      },
      setItem: (): void => {
        throw new Error('disabled');
      },
    };
    expect(takeToken('http://127.0.0.1:5123/', broken)).toEqual({ token: null, cleanedUrl: null });
    expect(takeToken('http://127.0.0.1:5123/?token=z', broken).token).toBe('z');
  });
});

describe('hostApiUrl', () => {
  it('points at /api on the page host with the token escaped', () => {
    expect(hostApiUrl({ protocol: 'http:', host: '127.0.0.1:5123' }, 'a b&c')).toBe(
      'ws://127.0.0.1:5123/api?token=a%20b%26c',
    );
    expect(hostApiUrl({ protocol: 'https:', host: 'example.test' }, null)).toBe('wss://example.test/api');
  });
});
