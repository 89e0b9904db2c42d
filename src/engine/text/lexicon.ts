/**
 * A small hand-made lexicon of plainly emotional English words, grouped like GoEmotions' Ekman labels
 * (whose "joy" also holds amusement, gratitude, love…, "sadness" disappointment and remorse, "surprise"
 * confusion and curiosity, "anger" annoyance). Each hit adds an extra `LEX_<class>` feature (`LEX_NEG_<class>`
 * when negated), so a word seen a handful of times in training ("furious") borrows the weight the model
 * learnt for its whole group ("angry", "pissed", "hate"…). The model, not this list, decides what a hit means.
 * Words are matched after lower-casing and elongation collapse ("soooo" → "soo").
 */
export type LexClass = 'anger' | 'disgust' | 'fear' | 'joy' | 'sadness' | 'surprise';

const GROUPS: Readonly<Record<LexClass, string>> = {
  anger:
    'angry angrier anger angered mad madder furious fury rage raging enraged livid irate outraged outrage outrageous ' +
    'pissed annoyed annoying annoyance irritated irritating infuriating infuriated frustrated frustrating frustration ' +
    'hate hated hates hating hatred resent resentment hostile fuming seething',
  disgust:
    'disgust disgusted disgusting gross grossed revolting repulsive repulsed nasty vile sickening sickened nauseating ' +
    'yuck ew eww appalling appalled despicable repugnant filthy',
  fear:
    'afraid scared scary fear feared fearful frightened frightening terrified terrifying terror horrified horrifying ' +
    'panic panicked panicking anxious anxiety nervous worried worry worrying dread dreading spooky alarmed alarming petrified',
  joy:
    'happy happier happiest happiness glad joy joyful delighted delightful pleased love loved loving lovely awesome ' +
    'amazing wonderful excellent fantastic excited exciting thrilled proud grateful thankful thanks thank enjoy enjoyed ' +
    'fun funny hilarious lol lmao haha cheerful blessed beautiful cute congrats congratulations yay relieved',
  sadness:
    'sad sadly sadder saddest sadness unhappy depressed depressing depression miserable misery heartbroken heartbreaking ' +
    'grief grieve grieving mourn mourning cry crying cried tears lonely loneliness alone hurt hurts hurting sorry regret ' +
    'disappointed disappointing disappointment devastated gloomy hopeless despair sorrow tragic tragedy ashamed embarrassed',
  surprise:
    'surprise surprised surprising surprisingly shocked shocking shock astonished astonishing amazed unexpected ' +
    'unexpectedly wow whoa omg unbelievable speechless stunned confused confusing curious wondering realized',
};

const LEXICON: ReadonlyMap<string, LexClass> = new Map(
  (Object.entries(GROUPS) as [LexClass, string][]).flatMap(([cls, words]) =>
    words.split(' ').map((w) => [w, cls] as const),
  ),
);

/** The lexicon class of a lower-cased word, if it has one. */
export function lexClass(word: string): LexClass | undefined {
  return LEXICON.get(word);
}
