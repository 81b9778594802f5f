// check: layout-aos-to-soa
// expect: quiet
// source: leveldb db/version_edit.cc VersionEdit::EncodeTo (for each new file: level, number, file_size, smallest, largest) with FileMetaData from db/version_edit.h
// why: the loop over new_files_ serialises nearly every byte of each (level, FileMetaData) pair, including both boundary keys; there is no small subset of fields to put in columns
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace leveldb {

class InternalKey {
 public:
  InternalKey() = default;
  explicit InternalKey(std::string rep) : rep_(std::move(rep)) {}
  const std::string& Encode() const { return rep_; }

 private:
  std::string rep_;
};

struct FileMetaData {
  int refs = 0;
  int allowed_seeks = 1 << 30;
  uint64_t number = 0;
  uint64_t file_size = 0;
  InternalKey smallest;
  InternalKey largest;
};

static void PutVarint64(std::string* dst, uint64_t v) {
  while (v >= 128) {
    dst->push_back(static_cast<char>(v | 128));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

static void PutLengthPrefixedSlice(std::string* dst, const std::string& s) {
  PutVarint64(dst, s.size());
  dst->append(s);
}

class VersionEdit {
 public:
  void AddFile(int level, uint64_t file, uint64_t file_size, const InternalKey& smallest, const InternalKey& largest) {
    FileMetaData f;
    f.number = file;
    f.file_size = file_size;
    f.smallest = smallest;
    f.largest = largest;
    new_files_.push_back(std::make_pair(level, f));
  }

  void EncodeTo(std::string* dst) const {
    for (const auto& nf : new_files_) {
      const FileMetaData& f = nf.second;
      PutVarint64(dst, 7);
      PutVarint64(dst, static_cast<uint64_t>(nf.first));
      PutVarint64(dst, f.number);
      PutVarint64(dst, f.file_size);
      PutLengthPrefixedSlice(dst, f.smallest.Encode());
      PutLengthPrefixedSlice(dst, f.largest.Encode());
    }
  }

 private:
  std::vector<std::pair<int, FileMetaData>> new_files_;
};

}  // namespace leveldb

int main() {
  std::string manifest;
  for (uint64_t compaction = 0; compaction < 20000; ++compaction) {
    leveldb::VersionEdit edit;
    for (uint64_t f = 0; f < 12; ++f)
      edit.AddFile(1 + int(f % 6), compaction * 12 + f, 2 << 20,
                   leveldb::InternalKey("key" + std::to_string(f)), leveldb::InternalKey("key" + std::to_string(f + 1)));
    manifest.clear();
    edit.EncodeTo(&manifest);
  }
  return manifest.empty();
}
