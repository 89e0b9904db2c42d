import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appUrl, resolveAppFile } from './app-scheme';

const dir = '/app/out/renderer';

describe('resolveAppFile', () => {
  it('maps the app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(dir, appUrl('index.html'))).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'attune://app/assets/index-abc.js?x=1#y')).toBe(join(dir, 'assets', 'index-abc.js'));
    expect(resolveAppFile(dir, 'attune://app/a%20b.css')).toBe(join(dir, 'a b.css'));
  });

  it('refuses every path that leaves the folder', () => {
    for (const url of [
      'attune://app/../../etc/passwd',
      'attune://app/%2e%2e/%2e%2e/etc/passwd',
      'attune://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'attune://app/..%2f..%2fetc/passwd',
      'attune://app/..%5c..%5cetc%5cpasswd',
      'attune://app/index.html%00.png',
      'attune://app/%E0%A4%A',
      'attune://app/',
      'attune://app',
    ]) {
      const file = resolveAppFile(dir, url);
      if (file !== null) expect(file.startsWith(`${dir}/`)).toBe(true);
      expect(file === null || !file.includes('passwd') || file.startsWith(`${dir}/`)).toBe(true);
    }
    expect(resolveAppFile(dir, 'attune://app/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile(dir, 'attune://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(dir, 'attune://app/index.html%00.png')).toBeNull();
    expect(resolveAppFile(dir, 'attune://app/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(dir, 'attune://app/')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile(dir, 'attune://evil/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'file:///app/out/renderer/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'http://app/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'not a url')).toBeNull();
  });
});
