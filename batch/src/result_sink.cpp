#include "xxgk/batch/result_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "xxgk/core/atomic_file.hpp"
#include "xxgk/core/sha256.hpp"
#include "xxgk/dataset/database.hpp"

namespace xxgk::batch {
namespace {

namespace fs = std::filesystem;

void write_all(int fd, const std::string &text, const std::string &what) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw SinkError("cannot write " + what + ": " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

void replace_file(const fs::path &target, const std::string &content) {
  if (!write_file_atomically(target, content)) throw SinkError("cannot write " + target.string());
}

std::optional<nlohmann::json> parse(const std::string &text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

class JsonlSink : public ResultSink {
 public:
  JsonlSink(const std::string &path, bool resume) : path_(path) {
    if (path == "-") {
      fd_ = 1;
      return;
    }
    if (resume) keep_intact_records();
    int flags = O_WRONLY | O_CREAT | O_APPEND | (resume ? 0 : O_TRUNC);
    fd_ = ::open(path.c_str(), flags, 0644);
    if (fd_ < 0) throw SinkError("cannot open " + path + ": " + std::strerror(errno));
  }
  ~JsonlSink() override {
    if (fd_ > 1) ::close(fd_);
  }
  bool has(const InputFile &input) const override { return done_.count(identity_of(input)) > 0; }
  void write(const InputFile &input, const std::string &record) override {
    // One write of one whole line: O_APPEND puts it after everything before it, uncut.
    write_all(fd_, record + "\n", path_);
    done_.insert(identity_of(input));
  }

 private:
  void keep_intact_records() {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return;
    std::string line, kept;
    bool changed = false;
    while (std::getline(in, line)) {
      auto record = parse(line);
      auto id = record ? identity_of(*record) : std::nullopt;
      bool whole = !in.eof();  // a last line without its newline was cut off mid-write
      if (!id || !whole || !done_.insert(*id).second) {
        changed = true;
        continue;
      }
      kept += line + "\n";
    }
    if (changed) replace_file(path_, kept);
  }

  std::string path_;
  int fd_ = -1;
  std::set<Identity> done_;
};

class DirectorySink : public ResultSink {
 public:
  DirectorySink(const std::string &dir, const std::vector<std::string> &all, bool resume) : dir_(dir) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (!fs::is_directory(dir_)) throw SinkError("cannot create output folder " + dir);
    std::vector<std::string> names = output_names(all);
    for (size_t i = 0; i < all.size(); ++i) name_of_[all[i]] = names[i];
    if (!resume) return;
    for (const auto &[input, name] : name_of_) {
      std::ifstream in(dir_ / name, std::ios::binary);
      if (!in) continue;
      std::stringstream ss;
      ss << in.rdbuf();
      auto record = parse(ss.str());
      if (auto id = record ? identity_of(*record) : std::nullopt) done_.insert(*id);
    }
  }
  bool has(const InputFile &input) const override { return done_.count(identity_of(input)) > 0; }
  void write(const InputFile &input, const std::string &record) override {
    auto it = name_of_.find(input.path);
    std::string name = it != name_of_.end() ? it->second : output_names({input.path}).front();
    replace_file(dir_ / name, record + "\n");
    done_.insert(identity_of(input));
  }

 private:
  fs::path dir_;
  std::map<std::string, std::string> name_of_;
  std::set<Identity> done_;
};

class SqliteSink : public ResultSink {
 public:
  SqliteSink(const std::string &path, bool resume) : db_(open(path)), resume_(resume) {}
  bool has(const InputFile &input) const override { return resume_ && db_.has(input.path, input.sha256); }
  void write(const InputFile &, const std::string &record) override {
    auto parsed = parse(record);
    if (!parsed) throw SinkError("a record is not JSON");
    try {
      db_.store(*parsed);
    } catch (const dataset::DatabaseError &e) {
      throw SinkError(e.what());
    }
  }
  ~SqliteSink() override {
    // The checks across reports cover what this batch added. A failure here loses nothing:
    // `xxgk check` recomputes them.
    try {
      db_.refresh_cross_checks();
    } catch (const dataset::DatabaseError &e) {
      std::cerr << "xxgk: warning: checks across reports not updated: " << e.what() << "\n";
    }
  }

 private:
  static dataset::Database open(const std::string &path) {
    try {
      return dataset::Database::open(path);
    } catch (const dataset::DatabaseError &e) {
      throw SinkError(e.what());
    }
  }
  dataset::Database db_;
  bool resume_;
};

class AllOf : public ResultSink {
 public:
  explicit AllOf(std::vector<std::unique_ptr<ResultSink>> sinks) : sinks_(std::move(sinks)) {}
  bool has(const InputFile &input) const override {
    return std::all_of(sinks_.begin(), sinks_.end(), [&](const auto &s) { return s->has(input); });
  }
  void write(const InputFile &input, const std::string &record) override {
    for (auto &s : sinks_)
      if (!s->has(input)) s->write(input, record);
  }

 private:
  std::vector<std::unique_ptr<ResultSink>> sinks_;
};

}  // namespace

std::unique_ptr<ResultSink> sqlite_sink(const std::string &path, bool resume) {
  return std::make_unique<SqliteSink>(path, resume);
}

std::unique_ptr<ResultSink> all_of(std::vector<std::unique_ptr<ResultSink>> sinks) {
  if (sinks.size() == 1) return std::move(sinks.front());
  return std::make_unique<AllOf>(std::move(sinks));
}

std::vector<std::string> output_names(const std::vector<std::string> &inputs) {
  std::map<std::string, int> uses;
  for (const auto &p : inputs) ++uses[fs::path(p).stem().string()];
  std::vector<std::string> out;
  for (const auto &p : inputs) {
    std::string stem = fs::path(p).stem().string();
    if (stem.empty()) stem = "input";
    out.push_back(uses[stem] > 1 ? stem + "-" + sha256_hex(p).substr(0, 8) + ".json" : stem + ".json");
  }
  return out;
}

std::unique_ptr<ResultSink> jsonl_sink(const std::string &path, bool resume) {
  return std::make_unique<JsonlSink>(path, resume);
}

std::unique_ptr<ResultSink> directory_sink(const std::string &dir, const std::vector<std::string> &all_inputs,
                                           bool resume) {
  return std::make_unique<DirectorySink>(dir, all_inputs, resume);
}

}  // namespace xxgk::batch
