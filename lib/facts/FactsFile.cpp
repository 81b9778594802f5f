//===- FactsFile.cpp - One TU's facts as a file ---------------------------===//
//
// Each struct's fields are listed once, in mapFields: the writer and the
// reader both walk that list, so they cannot disagree.
//
//===----------------------------------------------------------------------===//

#include "FactsFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/NativeFormatting.h"
#include "llvm/Support/raw_ostream.h"

#include <type_traits>

namespace structlayout {

static constexpr const char *FormatName = "struct-layout-facts";

std::string FactsMode::describe() const {
  return Evidence         ? "for fixes (function bodies and evidence)"
         : FunctionBodies ? "with function bodies"
                          : "without function bodies";
}

namespace {

template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};
template <class T> struct IsPair : std::false_type {};
template <class A, class B> struct IsPair<std::pair<A, B>> : std::true_type {};

// The field list of every struct. FIELD(key, Member) hands the IO the
// member, and the same member of a default object: the writer leaves out
// values equal to it.
#define FIELD(Key, Member) IO(Key, S.Member, D.Member)
#define FIELDS(Type)                                                           \
  template <class IOType, class T>                                             \
  std::enable_if_t<std::is_same_v<std::remove_const_t<T>, Type>> mapFields(    \
      IOType &IO, T &S) {                                                      \
    static const Type D{};

FIELDS(SourceLoc)
IO.path("file", S.File); // An index into the file's path table.
FIELD("line", Line);
FIELD("column", Column);
FIELD("offset", Offset);
}

FIELDS(SourceSpan)
FIELD("begin", Begin);
FIELD("end", End);
}

FIELDS(FieldAccess)
FIELD("loc", Loc);
FIELD("function", Function);
FIELD("loop_depth", LoopDepth);
FIELD("static_weight", StaticWeight);
FIELD("loop_loc", LoopLoc);
FIELD("through_element", ThroughElement);
FIELD("sequence", Sequence);
FIELD("trip_count", TripCount);
}

FIELDS(FieldFacts)
FIELD("name", Name);
FIELD("type", TypeName);
FIELD("access", Access);
FIELD("bit_field", IsBitField);
FIELD("bit_width", BitWidth);
FIELD("flexible_array", IsFlexibleArray);
FIELD("anonymous_record", IsAnonymousRecord);
FIELD("no_unique_address", IsNoUniqueAddress);
FIELD("explicit_align", ExplicitAlign);
FIELD("loc", Loc);
FIELD("decl_span", DeclSpan);
FIELD("shares_decl_group", SharesDeclGroup);
FIELD("pp_region", PPRegion);
FIELD("names_member_after", NamesMemberAfter);
FIELD("in_macro", InMacro);
FIELD("implicit_init", ImplicitInit);
FIELD("init_reads", InitReads);
FIELD("full_span", FullSpan);
FIELD("full_text", FullText);
FIELD("decl_spec", DeclSpec);
FIELD("declarator", Declarator);
FIELD("type_names", TypeNames);
FIELD("array_elements", ArrayElements);
FIELD("slot_container", IsSlotContainer);
FIELD("vector", IsVector);
FIELD("element_type_names", ElementTypeNames);
FIELD("element_usr", ElementUSR);
FIELD("held_record_key", HeldRecordKey);
FIELD("indexed_by_thread", IndexedByThread);
FIELD("writers", Writers);
FIELD("readers", Readers);
FIELD("accesses", Accesses);
}

FIELDS(FieldLayout)
FIELD("offset_bits", OffsetBits);
FIELD("size", SizeBytes);
FIELD("align", AlignBytes);
FIELD("element_size", ElementBytes);
FIELD("natural_align", NaturalAlignBytes);
FIELD("storage_unit_bits", StorageUnitBits);
FIELD("bit_align_bits", BitAlignBits);
FIELD("bit_field_may_pad", BitFieldMayPad);
}

FIELDS(BaseLayout)
FIELD("name", Name);
FIELD("virtual", IsVirtual);
FIELD("empty", IsEmpty);
FIELD("offset", Offset);
FIELD("size", Size);
}

FIELDS(TargetLayout)
FIELD("triple", Triple);
FIELD("target", Target);
FIELD("target_rank", TargetRank);
FIELD("microsoft", MicrosoftLayout);
FIELD("pointer_size", PointerBytes);
FIELD("cache_line", CacheLineBytes);
FIELD("interference_size", InterferenceBytes);
FIELD("size", Size);
FIELD("align", Align);
FIELD("data_size", DataSize);
FIELD("fields_begin", FieldsBegin);
FIELD("bases_end", BasesEnd);
FIELD("own_vfptr", HasOwnVFPtr);
FIELD("own_vbptr", HasOwnVBPtr);
FIELD("vbptr_offset", VBPtrOffset);
FIELD("bases", Bases);
FIELD("fields", Fields);
}

FIELDS(Hazard)
FIELD("kind", Kind);
FIELD("loc", Loc);
FIELD("detail", Detail);
FIELD("via", Via);
}

FIELDS(InitSite::Trailer)
FIELD("span", Span);
FIELD("comma", Comma);
FIELD("comment", Comment);
FIELD("code_after", CodeAfter);
}

FIELDS(InitSite)
FIELD("kind", Kind);
FIELD("loc", Loc);
FIELD("field_of", FieldOf);
FIELD("elements", Elements);
FIELD("texts", Texts);
FIELD("trailers", Trailers);
FIELD("stranded_comment", StrandedComment);
}

FIELDS(InstanceFacts)
FIELD("in_array", InArray);
FIELD("held_by_pointers", HeldByPointers);
FIELD("node", IsNode);
FIELD("allocated_in_loop", AllocatedInLoop);
FIELD("on_heap", OnHeap);
}

FIELDS(PerThreadSlots)
FIELD("loc", Loc);
FIELD("array", Array);
FIELD("index", Index);
FIELD("handed_to_thread", HandedToThread);
}

FIELDS(RecordFacts::Allocation)
FIELD("loc", Loc);
FIELD("how", How);
FIELD("guaranteed_align", GuaranteedAlign);
}

FIELDS(RecordFacts::OpaqueCall)
FIELD("loc", Loc);
FIELD("callee", Callee);
}

FIELDS(RecordFacts)
FIELD("usr", USR);
FIELD("name", Name);
FIELD("spelling", Spelling);
FIELD("kind", Kind);
FIELD("cxx", IsCXX);
FIELD("anonymous", IsAnonymous);
FIELD("template_specialisation", IsTemplateSpecialisation);
FIELD("packed", IsPacked);
FIELD("pragma_pack", HasPragmaPack);
FIELD("virtual_bases", HasVirtualBases);
FIELD("in_macro", InMacro);
FIELD("loc", Loc);
FIELD("span", Span);
FIELD("body_span", BodySpan);
FIELD("fields", Fields);
FIELD("layouts", Layouts);
FIELD("seen_in", SeenIn);
FIELD("extern_c", IsExternC);
FIELD("in_cxx_extern_c_header", InCxxExternCHeader);
FIELD("fields_differ_by_target", FieldsDifferByTarget);
FIELD("first_member_is_base", FirstMemberIsBase);
FIELD("hazards", Hazards);
FIELD("init_sites", InitSites);
FIELD("unaligned_allocations", UnalignedAllocations);
FIELD("opaque_calls", OpaqueCalls);
FIELD("contained_keys", ContainedKeys);
FIELD("template_key", TemplateKey);
FIELD("instances", Instances);
FIELD("thread_slots", ThreadSlots);
}

FIELDS(ParseDiagnostic)
FIELD("error", IsError);
FIELD("id", ID);
FIELD("loc", Loc);
FIELD("message", Message);
}

FIELDS(InitMeaning)
FIELD("record_usr", RecordUSR);
FIELD("loc", Loc);
FIELD("values", Values);
}

FIELDS(TUEvidence)
FIELD("files", Files);
FIELD("diagnostics", Diagnostics);
FIELD("inits", Inits);
}

FIELDS(CallGraphFacts::Call)
FIELD("caller", Caller);
FIELD("callee", Callee);
FIELD("before_threads", BeforeThreads);
}

FIELDS(CallGraphFacts::Root)
FIELD("function", Function);
FIELD("how", How);
FIELD("loc", Loc);
FIELD("many", Many);
}

FIELDS(CallGraphFacts)
FIELD("calls", Calls);
FIELD("roots", Roots);
FIELD("address_taken", AddressTaken);
FIELD("indirect_calls", IndirectCalls);
}

FIELDS(TUFacts)
FIELD("main_file", MainFile);
FIELD("command", Command);
FIELD("records", Records);
FIELD("defined_functions", DefinedFunctions);
FIELD("call_graph", CallGraph);
FIELD("opaque_first_members", OpaqueFirstMembers);
FIELD("evidence", Evidence);
}

FIELDS(TUResult)
FIELD("file", File);
FIELD("target", Target);
FIELD("command", Command);
FIELD("commands", Commands);
FIELD("facts", Facts);
FIELD("failed", Failed);
FIELD("error", Error);
FIELD("unknown_args", UnknownArgs);
FIELD("rejected_args", RejectedArgs);
}

FIELDS(FactsMode)
FIELD("function_bodies", FunctionBodies);
FIELD("evidence", Evidence);
}

#undef FIELDS
#undef FIELD

/// Values that are not structs: how they equal their default, and how
/// they are written and read.
template <class T> bool isDefault(const T &V, const T &D) {
  if constexpr (IsVector<T>::value)
    return V.empty();
  else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T> ||
                     std::is_same_v<T, std::string>)
    return V == D;
  else
    return false; // A struct: written whole when present.
}

class Writer {
public:
  explicit Writer(llvm::json::OStream &J) : J(J) {}

  /// A path, as its index in Paths: a TU's facts name a few files many
  /// times over.
  void path(const char *Key, const std::string &Path) {
    if (Path.empty())
      return;
    auto [It, New] = PathIndex.try_emplace(Path, Paths.size());
    if (New)
      Paths.push_back(Path);
    J.attribute(Key, static_cast<uint64_t>(It->second));
  }

  void writePaths(llvm::json::OStream &Out) {
    Out.array([&] {
      for (const std::string &P : Paths)
        Out.value(P);
    });
  }

  template <class T> void operator()(const char *Key, const T &V, const T &D) {
    if (isDefault(V, D))
      return;
    J.attributeBegin(Key);
    value(V);
    J.attributeEnd();
  }

  template <class T> void value(const T &V) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (llvm::json::isUTF8(V)) {
        J.value(V);
      } else {
        J.object(
            [&] { J.attribute("hex", llvm::toHex(V, /*LowerCase=*/true)); });
      }
    } else if constexpr (std::is_same_v<T, bool>) {
      J.value(V);
    } else if constexpr (std::is_enum_v<T>) {
      J.value(static_cast<int64_t>(V));
    } else if constexpr (std::is_floating_point_v<T>) {
      J.value(V);
    } else if constexpr (std::is_integral_v<T>) {
      J.value(static_cast<uint64_t>(V));
    } else if constexpr (IsVector<T>::value) {
      J.array([&] {
        for (const auto &E : V)
          value(E);
      });
    } else if constexpr (IsPair<T>::value) {
      J.array([&] {
        value(V.first);
        value(V.second);
      });
    } else {
      J.object([&] { mapFields(*this, V); });
    }
  }

private:
  llvm::json::OStream &J;
  llvm::StringMap<unsigned> PathIndex;
  std::vector<std::string> Paths;
};

/// Where in the file a value is, spelled only when it is wrong.
struct Where {
  const Where *Parent = nullptr;
  const char *Key = nullptr; ///< Else an index into the parent's list.
  size_t Index = 0;
  std::string spell() const {
    std::string Up = Parent ? Parent->spell() : std::string();
    if (Key)
      return Up.empty() ? Key : Up + "." + Key;
    return Up + "[" + std::to_string(Index) + "]";
  }
};

/// The text being read, token by token: facts files are read straight into
/// the structs, without a JSON tree in between (llvm::json's objects cost an
/// allocation of a hash table each).
struct Text {
  Text(llvm::StringRef Contents) : P(Contents.begin()), End(Contents.end()) {}
  const char *P, *End;
  std::string Error;
  bool Truncated = false; ///< Not JSON, or cut short.

  void space() {
    while (P < End && (*P == ' ' || *P == '\n' || *P == '\r' || *P == '\t'))
      ++P;
  }
  bool peek(char C) {
    space();
    return P < End && *P == C;
  }
  bool eat(char C) {
    if (!peek(C))
      return false;
    ++P;
    return true;
  }
  void syntax() {
    if (Error.empty()) {
      Truncated = true;
      Error = "byte " + std::to_string(End - P) + " from the end";
    }
  }
  void expect(char C) {
    if (!eat(C))
      syntax();
  }
  /// A JSON string, unescaped.
  bool string(std::string &Out) {
    if (!eat('"'))
      return false;
    Out.clear();
    while (P < End && *P != '"') {
      const char *Run = P;
      while (P < End && *P != '"' && *P != '\\')
        ++P;
      Out.append(Run, P);
      if (P >= End || *P != '\\')
        break;
      if (++P >= End)
        break;
      char C = *P++;
      switch (C) {
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      case 'u': {
        uint32_t Code = hex4();
        if (Code >= 0xD800 && Code < 0xDC00 && P + 1 < End && P[0] == '\\' &&
            P[1] == 'u') {
          P += 2;
          Code = 0x10000 + ((Code - 0xD800) << 10) + (hex4() - 0xDC00);
        }
        utf8(Code, Out);
        break;
      }
      default:
        Out += C;
      }
    }
    if (P >= End) {
      syntax();
      return false;
    }
    ++P;
    return true;
  }
  uint32_t hex4() {
    uint32_t V = 0;
    for (int I = 0; I < 4; ++I, ++P) {
      if (P >= End || !llvm::isHexDigit(*P)) {
        syntax();
        return 0;
      }
      V = V * 16 + llvm::hexDigitValue(*P);
    }
    return V;
  }
  static void utf8(uint32_t C, std::string &Out) {
    if (C < 0x80) {
      Out += char(C);
    } else if (C < 0x800) {
      Out += char(0xC0 | C >> 6);
      Out += char(0x80 | (C & 0x3F));
    } else if (C < 0x10000) {
      Out += char(0xE0 | C >> 12);
      Out += char(0x80 | (C >> 6 & 0x3F));
      Out += char(0x80 | (C & 0x3F));
    } else {
      Out += char(0xF0 | C >> 18);
      Out += char(0x80 | (C >> 12 & 0x3F));
      Out += char(0x80 | (C >> 6 & 0x3F));
      Out += char(0x80 | (C & 0x3F));
    }
  }
  /// The characters of a number, true, false or null.
  llvm::StringRef word() {
    space();
    const char *Begin = P;
    while (P < End &&
           (llvm::isAlnum(*P) || *P == '-' || *P == '+' || *P == '.'))
      ++P;
    return llvm::StringRef(Begin, P - Begin);
  }
};

/// Reads one struct: its keys come in the order mapFields lists them (the
/// order the writer writes), each at most once.
class Reader {
public:
  Reader(Text &In, const Where *At, const std::vector<std::string> &Paths)
      : In(In), At(At), Paths(Paths) {}

  /// Reads `{`; then mapFields, then close().
  void open() { In.expect('{'); }
  void close() {
    if (!In.Error.empty())
      return;
    if (pending())
      return fail(Where{At, Key.c_str()}, "a key of this object");
    In.expect('}');
  }

  template <class T> void operator()(const char *Name, T &V, const T &) {
    if (pending() && Key == Name) {
      Read = true;
      value(V, Where{At, Name});
    }
  }

  void path(const char *Name, std::string &V) {
    if (!pending() || Key != Name)
      return;
    Read = true;
    uint64_t I = 0;
    value(I, Where{At, Name});
    if (I < Paths.size())
      V = Paths[I];
    else
      fail(Where{At, Name}, "a path of the file's table");
  }

  template <class T> void value(T &V, const Where &Here) {
    if (!In.Error.empty())
      return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (In.peek('{')) {
        Reader Hex(In, &Here, Paths);
        Hex.open();
        std::string Digits;
        Hex("hex", Digits, Digits);
        Hex.close();
        if (In.Error.empty() && !llvm::tryGetFromHex(Digits, V))
          fail(Here, "a string");
      } else if (!In.string(V)) {
        fail(Here, "a string");
      }
    } else if constexpr (std::is_same_v<T, bool>) {
      llvm::StringRef W = In.word();
      if (W == "true" || W == "false")
        V = W == "true";
      else
        fail(Here, "true or false");
    } else if constexpr (std::is_enum_v<T>) {
      unsigned N = 0;
      if (!In.word().getAsInteger(10, N) && N < 16)
        V = static_cast<T>(N);
      else
        fail(Here, "a kind number");
    } else if constexpr (std::is_floating_point_v<T>) {
      if (In.word().getAsDouble(V, /*AllowInexact=*/true))
        fail(Here, "a number");
    } else if constexpr (std::is_integral_v<T>) {
      if (In.word().getAsInteger(10, V))
        fail(Here, "a count");
    } else if constexpr (IsVector<T>::value) {
      if (!In.eat('['))
        return fail(Here, "a list");
      V.clear();
      if (In.eat(']'))
        return;
      do {
        V.emplace_back();
        value(V.back(), Where{&Here, nullptr, V.size() - 1});
      } while (In.Error.empty() && In.eat(','));
      In.expect(']');
    } else if constexpr (IsPair<T>::value) {
      if (!In.eat('['))
        return fail(Here, "a pair");
      value(V.first, Where{&Here, nullptr, 0});
      In.expect(',');
      value(V.second, Where{&Here, nullptr, 1});
      In.expect(']');
    } else {
      if (!In.peek('{'))
        return fail(Here, "an object");
      Reader Inner(In, &Here, Paths);
      Inner.open();
      mapFields(Inner, V);
      Inner.close();
    }
  }

private:
  /// Whether a key is read and waits for its field; reads the next one
  /// when the last was taken.
  bool pending() {
    if (!In.Error.empty() || Done)
      return false;
    if (!Read && HaveKey)
      return true;
    if (HaveKey)
      In.eat(',');
    HaveKey = false;
    Read = false;
    if (In.peek('}')) {
      Done = true;
      return false;
    }
    if (!In.string(Key)) {
      In.syntax();
      return false;
    }
    In.expect(':');
    HaveKey = true;
    return true;
  }

  void fail(const Where &Here, const char *Expected) {
    if (In.Error.empty())
      In.Error = "'" + Here.spell() + "' is not " + Expected;
  }

  Text &In;
  const Where *At;
  const std::vector<std::string> &Paths;
  std::string Key;
  bool HaveKey = false, Read = false, Done = false;
};

} // namespace

/// `{"paths": [...], Key: Value}`: Value's paths in a table before it.
template <class T>
static void writeWithPaths(const char *Key, const T &Value,
                           llvm::json::OStream &J) {
  std::string Body;
  llvm::raw_string_ostream BodyStream(Body);
  llvm::json::OStream BodyJson(BodyStream);
  Writer BodyWriter(BodyJson);
  BodyWriter.value(Value);
  BodyStream.flush();
  J.attributeBegin("paths");
  BodyWriter.writePaths(J);
  J.attributeEnd();
  J.attributeBegin(Key);
  J.rawValue(Body);
  J.attributeEnd();
}

std::string writeFactsFile(const FactsFile &File) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS);
  J.object([&] {
    J.attribute("format", FormatName);
    J.attribute("version", FactsFormatVersion);
    J.attribute("tool", File.ToolVersion);
    Writer W(J);
    J.attributeBegin("mode");
    W.value(File.Mode);
    J.attributeEnd();
    // The path table comes first, so a reader has it when it meets a
    // path; the TU, written first, fills it.
    writeWithPaths("tu", File.TU, J);
  });
  OS << "\n";
  return Text;
}

std::string writeRecordFacts(const RecordFacts &Record) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS);
  J.object([&] { writeWithPaths("record", Record, J); });
  OS << "\n";
  return Text;
}

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// What went wrong in reading \p In, \p What by name; success if nothing.
static llvm::Error problemOf(Text &In, llvm::StringRef What) {
  if (In.Truncated)
    return error("not " + What + ", or a truncated one (" + In.Error + ")");
  if (!In.Error.empty())
    return error("corrupt facts: " + In.Error);
  In.space();
  if (In.P != In.End)
    return error("not " + What + ": text after its end");
  return llvm::Error::success();
}

llvm::Expected<FactsFile> readFactsFile(llvm::StringRef Contents) {
  Text In(Contents);
  std::vector<std::string> Paths;
  FactsFile Out;
  Reader Top(In, nullptr, Paths);
  Top.open();
  std::string Format;
  uint64_t Version = 0;
  Top("format", Format, Format);
  if (In.Error.empty() && Format != FormatName)
    return error("not a struct-layout facts file");
  Top("version", Version, Version);
  if (In.Error.empty() && Version != FactsFormatVersion)
    return error("facts format version " + std::to_string(Version) +
                 ", this struct-layout reads version " +
                 std::to_string(FactsFormatVersion) +
                 "; extract the facts again");
  Top("tool", Out.ToolVersion, Out.ToolVersion);
  Top("mode", Out.Mode, Out.Mode);
  Top("paths", Paths, Paths);
  Top("tu", Out.TU, Out.TU);
  Top.close();
  if (llvm::Error E = problemOf(In, "a facts file"))
    return E;
  if (Format.empty())
    return error("not a struct-layout facts file");
  return Out;
}

llvm::Expected<RecordFacts> readRecordFacts(llvm::StringRef Contents) {
  Text In(Contents);
  std::vector<std::string> Paths;
  RecordFacts Out;
  Reader Top(In, nullptr, Paths);
  Top.open();
  Top("paths", Paths, Paths);
  Top("record", Out, Out);
  Top.close();
  if (llvm::Error E = problemOf(In, "a record's facts"))
    return E;
  return Out;
}

} // namespace structlayout
