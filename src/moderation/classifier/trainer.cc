#include "moderation/classifier/trainer.h"

#include <fasttext/fasttext.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "moderation/classifier/preprocess.h"

namespace palabre::moderation::classifier {
namespace {

namespace fs = std::filesystem;

// SplitMix64: a small PRNG whose sequence is the same everywhere (std::shuffle and the
// standard distributions are not specified bit for bit).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

 private:
  std::uint64_t state_;
};

template <typename T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.Below(i)]);
}

// A directory that is removed with its contents when this object goes, unless kept.
class WorkDir {
 public:
  static Result<WorkDir> Make(const std::string& requested) {
    WorkDir dir;
    std::error_code ec;
    if (!requested.empty()) {
      fs::create_directories(requested, ec);
      if (ec) return Status(Error::kInternal, "cannot create " + requested + ": " + ec.message());
      dir.path_ = requested;
      return dir;
    }
    std::string pattern = (fs::temp_directory_path(ec) / "palabre-train-XXXXXX").string();
    if (ec || mkdtemp(pattern.data()) == nullptr) {
      return Status(Error::kInternal, "cannot create a temporary directory");
    }
    dir.path_ = pattern;
    dir.remove_ = true;
    return dir;
  }
  WorkDir() = default;
  WorkDir(WorkDir&& other) noexcept
      : path_(std::move(other.path_)), remove_(std::exchange(other.remove_, false)) {}
  WorkDir& operator=(WorkDir&&) = delete;
  ~WorkDir() {
    if (remove_) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool remove_ = false;
};

}  // namespace

Result<TrainSummary> Train(const TrainOptions& options) {
  if (options.output_path.empty()) return Status(Error::kInvalidArgument, "no output path");
  std::vector<LabelledRow> rows;
  for (const std::string& path : options.data_paths) {
    Result<std::vector<LabelledRow>> read = ReadLabelledFile(path);
    if (!read.ok()) return read.status();
    for (LabelledRow& row : *read) rows.push_back(std::move(row));
  }
  rows.insert(rows.end(), options.rows.begin(), options.rows.end());
  std::erase_if(rows, [&](const LabelledRow& row) {
    const std::string with_label = row.source + ":" + std::string(LabelName(row.label));
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const std::string& e) { return e == row.source || e == with_label; });
  });
  if (rows.empty()) return Status(Error::kInvalidArgument, "no labelled rows to train on");

  TrainSummary summary;
  summary.rows_per_label.assign(kLabelCount, 0);
  std::vector<std::vector<std::size_t>> by_label(kLabelCount);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ++summary.rows_per_label[Index(rows[i].label)];
    by_label[Index(rows[i].label)].push_back(i);
  }

  Rng rng(static_cast<std::uint64_t>(options.seed) * 0x9E3779B97F4A7C15ULL + 1);
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (const std::vector<std::size_t>& members : by_label) {
    for (std::size_t k = members.size(); !members.empty() && k < options.min_rows_per_label; ++k) {
      order.push_back(members[k % members.size()]);
    }
  }
  Shuffle(order, rng);

  Result<WorkDir> work = WorkDir::Make(options.work_dir);
  if (!work.ok()) return work.status();
  const fs::path train_file = work->path() / "train.txt";
  {
    std::ofstream out(train_file, std::ios::binary);
    for (std::size_t i : order) {
      const std::string text = PreprocessText(rows[i].text);
      if (text.empty()) continue;
      out << "__label__" << LabelName(rows[i].label) << ' ' << text << '\n';
      ++summary.rows;
    }
    out.flush();
    if (!out) return Status(Error::kInternal, "cannot write " + train_file.string());
  }

  const fs::path tmp_output = options.output_path + ".tmp";
  try {
    fasttext::Args args;
    args.input = train_file.string();
    args.output = (work->path() / "model").string();
    args.model = fasttext::model_name::sup;
    args.loss = options.loss == LossKind::kSoftmax ? fasttext::loss_name::softmax
                                                   : fasttext::loss_name::ova;
    args.dim = options.dim;
    args.epoch = options.epoch;
    args.lr = options.lr;
    args.wordNgrams = options.word_ngrams;
    args.minn = options.minn;
    args.maxn = options.maxn;
    args.bucket = options.bucket;
    args.minCount = options.min_count;
    args.minCountLabel = 0;
    args.thread = options.threads;
    args.seed = options.seed;
    args.verbose = options.verbose ? 2 : 0;

    fasttext::FastText model;
    model.train(args);
    if (options.quantize) {
      fasttext::Args qargs;
      qargs.input = train_file.string();
      qargs.output = args.output;
      qargs.cutoff = options.cutoff;
      qargs.qnorm = options.qnorm;
      qargs.retrain = options.retrain;
      qargs.dsub = static_cast<std::size_t>(options.dsub);
      qargs.epoch = options.retrain_epoch;
      qargs.lr = options.retrain_lr;
      qargs.thread = options.threads;
      qargs.verbose = args.verbose;
      model.quantize(qargs);
    }
    model.saveModel(tmp_output.string());
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(tmp_output, ec);
    return Status(Error::kInternal, std::string("fastText: ") + e.what());
  }
  std::error_code ec;
  fs::rename(tmp_output, options.output_path, ec);
  if (ec)
    return Status(Error::kInternal, "cannot write " + options.output_path + ": " + ec.message());
  summary.model_bytes = fs::file_size(options.output_path, ec);
  return summary;
}

}  // namespace palabre::moderation::classifier
