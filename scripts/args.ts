/**
 * The scripts' command-line options, `--name value` style: the value after `name` in process.argv, or
 * `fallback` when the option is absent or has no value.
 */
export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
