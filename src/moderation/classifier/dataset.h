// Labelled comments for training and evaluating the classifier: reading TSV and JSON Lines.
//
// TSV: `label<TAB>text<TAB>source<TAB>category`, one comment per line, UTF-8, a header line
// first (the format of ../shared/data/*.tsv and data/*.tsv; the source and category columns are
// optional). JSON Lines: one object per line with string fields "label" and "text" and
// optionally "source" and "category"; other fields are ignored. The category is a finer kind
// than the label, for reports only ("incitement", "apologia", "question"...: data/README.md).
// Labels are those of labels.h. Blank lines are skipped. Free functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/classifier/labels.h"

namespace palabre::moderation::classifier {

struct LabelledRow {
  Label label = Label::kOk;
  std::string text;
  std::string source;
  std::string category;  // empty when the file has none
};

// Reads a file, as JSON Lines if its name ends in ".jsonl" or ".json", otherwise as TSV.
// kInvalidArgument (message with the file name and line number) for an unknown label, a line
// without a text, a malformed JSON line or a file that cannot be opened; nothing is returned
// then.
Result<std::vector<LabelledRow>> ReadLabelledFile(const std::string& path);

// The same from text already in memory; `name` only appears in error messages.
Result<std::vector<LabelledRow>> ParseLabelledTsv(std::string_view content, std::string_view name);
Result<std::vector<LabelledRow>> ParseLabelledJsonl(std::string_view content,
                                                    std::string_view name);

}  // namespace palabre::moderation::classifier
