// PreprocessText: the one text transformation shared by classifier training and inference.
//
// The training file (trainer.h) and every prediction (classifier.h) go through this function,
// so the model sees text exactly as it was trained on. It lower-cases (French rules), removes
// accents and other combining marks (informal writing drops them: "etat" and "état" become one
// word), folds compatibility characters (full-width and mathematical letters), and replaces
// URLs with __url__, e-mail addresses with __email__, @handles with __user__, phone numbers
// (8 or more digits, or a +country prefix, in any grouping) with __phone__ and other numbers
// (thousands groups, decimals, dates) with __num__. Digits and @/$ inside words are read as
// letters when they stand between letters ("m3rde" → "merde", "s@lope"), runs of three or
// more identical letters shrink to one ("nooon" → "non"). Punctuation and emoji become
// separate tokens, French elisions are split after the apostrophe ("l'armée" → "l' armee"),
// and informal spellings ("ki", "c", "ns", "wallahi", "dafa") are kept as written.
//
// The output is tokens separated by single spaces, no leading or trailing space, valid UTF-8
// (invalid input bytes become U+FFFD). Pure function, thread-safe, never throws.
#pragma once

#include <string>
#include <string_view>

namespace palabre::moderation::classifier {

std::string PreprocessText(std::string_view text);

}  // namespace palabre::moderation::classifier
