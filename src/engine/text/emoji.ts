/**
 * Emoji and emoticons that carry a clear emotion. Each becomes an extra `EMO_<class>` feature next to its
 * own token, so the rarer ones borrow strength from the common ones of the same class. Ambiguous symbols
 * (🙃, 😅, :/, -_-) stay plain tokens: the model learns what they mean from data.
 */
export type EmoClass = 'joy' | 'sad' | 'anger' | 'fear' | 'disgust' | 'surprise' | 'love';

const EMOJI_GROUPS: Readonly<Record<EmoClass, string>> = {
  joy: '😀😃😄😁😆😂🤣😊☺🙂😸😹🥳🎉😎👍👏🙌✨',
  love: '😍🥰😘😻❤♥💕💖💗💓💞💘💝🧡💛💚💙💜🤍🖤',
  sad: '😢😭😞😔😟☹🙁😿💔😥😓😩😫🥺',
  anger: '😠😡🤬👿💢😤🖕',
  fear: '😱😨😰😧😬',
  disgust: '🤢🤮😒🙄🤦💩',
  surprise: '😮😲😯🤯😳😦🙀❗❓',
};

const EMOJI_CLASS: ReadonlyMap<string, EmoClass> = new Map(
  (Object.entries(EMOJI_GROUPS) as [EmoClass, string][]).flatMap(([cls, chars]) =>
    Array.from(chars, (ch) => [ch, cls] as const),
  ),
);

/** Emoticons after {@link normalizeEmoticon}. */
const EMOTICON_CLASS: ReadonlyMap<string, EmoClass> = new Map([
  [':)', 'joy'],
  [':]', 'joy'],
  ['(:', 'joy'],
  [';)', 'joy'],
  [':d', 'joy'],
  ['xd', 'joy'],
  [':p', 'joy'],
  ['^_^', 'joy'],
  ['<3', 'love'],
  [':(', 'sad'],
  [":'(", 'sad'],
  ['):', 'sad'],
  ['t_t', 'sad'],
  ['</3', 'sad'],
  ['>:(', 'anger'],
  [':o', 'surprise'],
  ['d:', 'fear'],
]);

/**
 * Regex source for emoticons (case-insensitive). Emoticons that contain letters must not touch a letter
 * or digit, so "xdd", "d:\\path" or "10:p" are not read as faces.
 */
export const EMOTICON_PATTERN = [
  String.raw`>:-?\(+`,
  String.raw`:'-?\(+`,
  String.raw`[:;]-?[)\]]+`,
  String.raw`(?<!\()\(+-?:`,
  String.raw`(?<!\))\)+-?:(?![\p{L}\p{N}])`,
  String.raw`:-?\(+`,
  String.raw`:-?[\/|]`,
  String.raw`<\/?3`,
  String.raw`\^_\^`,
  String.raw`-_-`,
  String.raw`(?<![\p{L}\p{N}])t_t(?![\p{L}\p{N}])`,
  String.raw`(?<![\p{L}\p{N}])[:;]-?[dpo](?![\p{L}\p{N}])`,
  String.raw`(?<![\p{L}\p{N}])(?:xd+|d:)(?![\p{L}\p{N}])`,
].join('|');

/** Lower-cases an emoticon, drops its nose and collapses repeated mouths: ":-)))" → ":)". */
export function normalizeEmoticon(raw: string): string {
  const lower = raw.toLowerCase();
  if (lower.includes('_')) return lower;
  return lower.replace(/-/g, '').replace(/([()\]d])\1+/g, '$1');
}

/** Strips variation selectors, skin tones and zero-width joiners so "👍🏽" and "👍" are one token. */
export function normalizeEmoji(raw: string): string {
  return raw.replace(/[\uFE0E\uFE0F\u200D]|\p{Emoji_Modifier}/gu, '');
}

/** The emotion class of a normalised emoji or emoticon, if it has a clear one. */
export function emoClass(token: string): EmoClass | undefined {
  return EMOJI_CLASS.get(token) ?? EMOTICON_CLASS.get(token);
}
