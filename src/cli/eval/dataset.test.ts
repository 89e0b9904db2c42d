import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS, loadDataset } from './dataset';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'attune-dataset-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Creates empty files (and their folders) under the temp root. */
function touch(...paths: string[]): void {
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), '');
  }
}

const relative = (items: { path: string; label: string }[]) =>
  items.map((i) => [i.path.slice(root.length + 1), i.label]);

describe('loadDataset, folder layout', () => {
  it('maps folder names to labels, keeps image files only, counts unknown labels', async () => {
    touch('happy/b.PNG', 'happy/a.jpg', 'happy/notes.txt', 'happy/.hidden.jpg', 'anger/c.jpeg');
    touch('contempt/d.jpg', 'contempt/e.jpg', 'boredom/readme.md');
    const data = await loadDataset(root);
    expect(data.layout).toBe('folders');
    expect(relative(data.items)).toEqual([
      ['anger/c.jpeg', 'angry'],
      ['happy/a.jpg', 'happy'],
      ['happy/b.PNG', 'happy'],
    ]);
    expect(data.skipped).toEqual({ contempt: 2 });
  });

  it('takes other extensions, such as wav for voice', async () => {
    touch('calm/1.wav', 'sad/2.wav', 'sad/3.jpg');
    const data = await loadDataset(root, { extensions: AUDIO_EXTENSIONS });
    expect(relative(data.items)).toEqual([
      ['calm/1.wav', 'neutral'],
      ['sad/2.wav', 'sad'],
    ]);
  });

  it('asks for a split when the folder holds train/test', async () => {
    touch('train/happy/x.jpg', 'test/sad/y.jpg', 'test/fear/z.jpg');
    await expect(loadDataset(root)).rejects.toThrow(/holds splits \(test, train\).*--split/);
    const data = await loadDataset(root, { split: 'test' });
    expect(relative(data.items)).toEqual([
      ['test/fear/z.jpg', 'fearful'],
      ['test/sad/y.jpg', 'sad'],
    ]);
  });
});

describe('loadDataset, labels.csv', () => {
  const csv = [
    'path,label,split,extra',
    'train/happy/1.jpg,happy,Training,x',
    'test/sad/2.jpg,sadness,PrivateTest,y',
    '"test/odd, name.jpg",surprise,PrivateTest,z',
    'test/c/3.jpg,contempt,PrivateTest,',
    'test/n/4.jpg,neutral,PublicTest,',
  ].join('\n');

  it('reads paths relative to the csv and ignores extra columns', async () => {
    writeFileSync(join(root, 'labels.csv'), csv);
    const data = await loadDataset(root);
    expect(data.layout).toBe('csv');
    expect(data.source).toBe(join(root, 'labels.csv'));
    expect(relative(data.items)).toEqual([
      ['train/happy/1.jpg', 'happy'],
      ['test/sad/2.jpg', 'sad'],
      ['test/odd, name.jpg', 'surprised'],
      ['test/n/4.jpg', 'neutral'],
    ]);
    expect(data.skipped).toEqual({ contempt: 1 });
  });

  it('filters on the split column, ignoring case, and names the splits when none match', async () => {
    writeFileSync(join(root, 'labels.csv'), csv);
    const data = await loadDataset(join(root, 'labels.csv'), { split: 'privatetest' });
    expect(data.items.map((i) => i.label)).toEqual(['sad', 'surprised']);
    expect(data.skipped).toEqual({ contempt: 1 });
    await expect(loadDataset(root, { split: 'Validation' })).rejects.toThrow(
      /no rows in split Validation \(splits: Training, PrivateTest, PublicTest\)/,
    );
  });

  it('copies subject and group columns into each item, and refuses one the csv lacks', async () => {
    writeFileSync(join(root, 'labels.csv'), csv);
    const data = await loadDataset(root, { subjectColumn: 'extra', groupColumn: 'Extra' });
    expect(data.items.map((i) => [i.subject, i.group])).toEqual([
      ['x', 'x'],
      ['y', 'y'],
      ['z', 'z'],
      ['', ''],
    ]);
    await expect(loadDataset(root, { groupColumn: 'sequence' })).rejects.toThrow(/has no sequence column/);
  });

  it('copies a speaker column into each item, and refuses one the csv lacks or a folder layout', async () => {
    writeFileSync(join(root, 'labels.csv'), csv);
    const data = await loadDataset(root, { speakerColumn: 'Extra' });
    expect(data.items.map((i) => i.speaker)).toEqual(['x', 'y', 'z', '']);
    expect((await loadDataset(root)).items.every((i) => !('speaker' in i))).toBe(true);
    await expect(loadDataset(root, { speakerColumn: 'actor' })).rejects.toThrow(/has no actor column/);
    const folders = join(root, 'folders');
    mkdirSync(join(folders, 'happy'), { recursive: true });
    writeFileSync(join(folders, 'happy', 'a.wav'), '');
    await expect(loadDataset(folders, { extensions: AUDIO_EXTENSIONS, speakerColumn: 'actor' })).rejects.toThrow(
      /needs a labels.csv/,
    );
  });

  it('prefers a split folder over the csv when both exist', async () => {
    writeFileSync(join(root, 'labels.csv'), csv);
    touch('test/sad/2.jpg');
    const data = await loadDataset(root, { split: 'test' });
    expect(data.layout).toBe('folders');
    expect(relative(data.items)).toEqual([['test/sad/2.jpg', 'sad']]);
  });

  it('refuses a csv without path and label columns, or without a split column when asked', async () => {
    writeFileSync(join(root, 'labels.csv'), 'file,emotion\na.jpg,happy\n');
    await expect(loadDataset(root)).rejects.toThrow(/header naming path and label/);
    writeFileSync(join(root, 'labels.csv'), 'path,label\na.jpg,happy\n');
    await expect(loadDataset(root, { split: 'Training' })).rejects.toThrow(/no split column/);
  });

  it('refuses a missing path', async () => {
    await expect(loadDataset(join(root, 'nope'))).rejects.toThrow(/does not exist/);
  });
});
