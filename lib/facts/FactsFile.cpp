//===- FactsFile.cpp - One TU's facts as a file ---------------------------===//
//
// Each struct's fields are listed once, in mapFields: the writer and the
// reader both walk that list, so they cannot disagree.
//
//===----------------------------------------------------------------------===//

#include "FactsFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
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
FIELD("file", File);
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
};

class Reader {
public:
  Reader(const llvm::json::Object *Object, std::string Where,
         std::string &Error)
      : Object(Object), Where(std::move(Where)), Error(Error) {}

  template <class T> void operator()(const char *Key, T &V, const T &) {
    if (!Error.empty())
      return;
    if (const llvm::json::Value *Found = Object->get(Key))
      value(*Found, V, Where + "." + Key);
  }

  template <class T>
  void value(const llvm::json::Value &J, T &V, const std::string &At) {
    if (!Error.empty())
      return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto S = J.getAsString()) {
        V = S->str();
        return;
      }
      const llvm::json::Object *O = J.getAsObject();
      std::optional<llvm::StringRef> Hex =
          O ? O->getString("hex") : std::nullopt;
      if (!Hex || !llvm::tryGetFromHex(*Hex, V))
        fail(At, "a string");
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto B = J.getAsBoolean())
        V = *B;
      else
        fail(At, "true or false");
    } else if constexpr (std::is_enum_v<T>) {
      if (auto I = J.getAsInteger(); I && *I >= 0 && *I < 16)
        V = static_cast<T>(*I);
      else
        fail(At, "a kind number");
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto N = J.getAsNumber())
        V = *N;
      else
        fail(At, "a number");
    } else if constexpr (std::is_integral_v<T>) {
      auto N = J.getAsUINT64();
      if (N && *N <= std::numeric_limits<T>::max())
        V = static_cast<T>(*N);
      else
        fail(At, "a count");
    } else if constexpr (IsVector<T>::value) {
      const llvm::json::Array *A = J.getAsArray();
      if (!A)
        return fail(At, "a list");
      V.resize(A->size());
      for (size_t I = 0; I < A->size(); ++I)
        value((*A)[I], V[I], At + "[" + std::to_string(I) + "]");
    } else if constexpr (IsPair<T>::value) {
      const llvm::json::Array *A = J.getAsArray();
      if (!A || A->size() != 2)
        return fail(At, "a pair");
      value((*A)[0], V.first, At + "[0]");
      value((*A)[1], V.second, At + "[1]");
    } else {
      const llvm::json::Object *O = J.getAsObject();
      if (!O)
        return fail(At, "an object");
      Reader Inner(O, At, Error);
      mapFields(Inner, V);
    }
  }

private:
  void fail(const std::string &At, const char *Expected) {
    Error = "'" + At + "' is not " + Expected;
  }

  const llvm::json::Object *Object;
  std::string Where;
  std::string &Error;
};

} // namespace

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
    J.attributeBegin("tu");
    W.value(File.TU);
    J.attributeEnd();
  });
  OS << "\n";
  return Text;
}

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<FactsFile> readFactsFile(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return error("not a facts file, or a truncated one (" +
                 llvm::toString(Parsed.takeError()) + ")");
  const llvm::json::Object *Top = Parsed->getAsObject();
  if (!Top || Top->getString("format") != llvm::StringRef(FormatName))
    return error("not a struct-layout facts file");
  std::optional<int64_t> Version = Top->getInteger("version");
  if (Version != static_cast<int64_t>(FactsFormatVersion))
    return error("facts format version " +
                 (Version ? std::to_string(*Version) : std::string("?")) +
                 ", this struct-layout reads version " +
                 std::to_string(FactsFormatVersion) +
                 "; extract the facts again");
  FactsFile Out;
  if (std::optional<llvm::StringRef> Tool = Top->getString("tool"))
    Out.ToolVersion = Tool->str();
  std::string Error;
  Reader R(Top, "", Error);
  const llvm::json::Value *Mode = Top->get("mode");
  const llvm::json::Value *TU = Top->get("tu");
  if (!Mode || !TU)
    return error("a facts file without its 'mode' or 'tu'");
  R.value(*Mode, Out.Mode, "mode");
  R.value(*TU, Out.TU, "tu");
  if (!Error.empty())
    return error("corrupt facts: " + Error);
  return Out;
}

} // namespace structlayout
