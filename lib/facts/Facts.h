//===- Facts.h - What a translation unit says about its records -*- C++ -*-===//
//
// The plain data model between the extractor (the only AST code) and the
// checks. Everything a check, the optimiser or an emitter needs is here, so
// they can be tested without Clang. Layout numbers are Clang's own, per target.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FACTS_H
#define STRUCTLAYOUT_FACTS_H

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace structlayout {

/// A position in a source file, as a user reads it and as a rewrite needs it.
struct SourceLoc {
  std::string File; ///< Absolute, normalised path.
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Offset = 0; ///< Byte offset in File.
};

/// A half-open byte range [Begin, End) in the file of the enclosing record.
struct SourceSpan {
  unsigned Begin = 0;
  unsigned End = 0;
  bool valid() const { return End > Begin; }
};

enum class AccessKind { None, Public, Protected, Private };
enum class RecordKind { Struct, Class, Union };

/// In FieldFacts::InitReads: the initialiser may read any field before it.
inline constexpr const char *InitReadsAll = "*";

/// One place in the code that reads or writes a field, and how often it
/// may run (DESIGN.md section 2, access facts).
struct FieldAccess {
  SourceLoc Loc;          ///< The member expression (its file location).
  std::string Function;   ///< Qualified name of the enclosing function.
  unsigned LoopDepth = 0; ///< Loops around it in its function.
  /// The static estimate of how often it runs: 10 per loop around it, times
  /// how often its function runs as far as the TU's call graph shows, and
  /// a tenth in code that runs once or rarely (set-up, error and debug
  /// paths, constructors).
  double StaticWeight = 1;
  /// The innermost loop around it (its keyword), when LoopDepth > 0.
  SourceLoc LoopLoc;
  /// Reached through one element of an array or container (`a[i].x`,
  /// `v[i].x`, a range-for element, a pointer the loop steps through).
  bool ThroughElement = false;
  /// Where the elements come from when ThroughElement: the array, container
  /// or pointer expression as written (`parts`, `sys->items`).
  std::string Sequence;
  /// How many times the innermost loop runs, when its bounds are constants
  /// or it walks an array of known size; 0 when unknown.
  uint64_t TripCount = 0;
};

/// The declaration of one field: target-independent.
struct FieldFacts {
  std::string Name; ///< Empty for unnamed bit-fields and anonymous members.
  std::string TypeName;
  AccessKind Access = AccessKind::None;
  bool IsBitField = false;
  unsigned BitWidth = 0;
  bool IsFlexibleArray = false; ///< `T x[];` or a trailing `T x[0];`.
  bool IsAnonymousRecord = false;
  bool IsNoUniqueAddress = false;
  uint64_t ExplicitAlign = 0;   ///< From alignas/aligned on the field, bytes.
  SourceLoc Loc;                ///< The field's name (or its start if unnamed).
  SourceSpan DeclSpan;          ///< The whole declaration, up to the ';'.
  bool SharesDeclGroup = false; ///< `int a, b;`
  /// Preprocessor directive lines (`#ifdef`, `#endif`...) between the
  /// record's `{` and this field: fields of different regions must not
  /// trade places, or a fix would move them into or out of a conditional.
  unsigned PPRegion = 0;
  /// Its declaration names a member of the record (a type alias, nested
  /// enum or class, enumerator, static constant) declared after this many
  /// fields: it can't move above that member, so those fields stay first.
  unsigned NamesMemberAfter = 0;
  bool InMacro = false;
  /// What a positional initialiser that leaves this field out gives it,
  /// written as an element (`0`, `{0}`, `nullptr`, `{}`): what goes in its
  /// place when a reorder moves it before fields the initialiser sets.
  /// Empty when no element says the same (a C++ default member initialiser).
  std::string ImplicitInit;
  /// Sibling fields that this field's initialiser (default member initialiser
  /// or a constructor mem-initialiser) reads, directly, through `this`, in a
  /// lambda or in member functions it calls (followed where their bodies are
  /// in the TU), so they must stay before it. `*` (InitReadsAll): it calls a
  /// member function whose body is not in the TU, so every field declared
  /// before it stays before it.
  std::vector<std::string> InitReads;
  /// The declaration with the comment lines right above it and a comment
  /// after it on its last line: what moves when the field moves.
  SourceSpan FullSpan;
  std::string FullText;
  /// For `int a, *b;`: the shared `int` and this field's `*b`, so the
  /// declaration can be split when its fields go to different places.
  std::string DeclSpec;
  std::string Declarator;
  /// The names its type goes by, for checks that know types by name (locks,
  /// atomics): as written, each typedef on the way, the record's qualified
  /// name and its template's; `_Atomic` for C11 atomics. Arrays: their
  /// element's names.
  std::vector<std::string> TypeNames;
  uint64_t ArrayElements = 0; ///< `T x[N][M]`: N*M; 0 if not an array.
  /// Slots: a C array, std::array, std::vector or std::deque of elements.
  /// The element's type names and, for a record, its USR.
  bool IsSlotContainer = false;
  bool IsVector = false; ///< A vector type (SSE/AVX/NEON, vector_size), or an
                         ///< array of them.
  std::vector<std::string> ElementTypeNames;
  std::string ElementUSR;
  /// The key of the record it holds by value (itself or as the element of
  /// a C array): when this run's fixes change that record, this one's
  /// layout changes with it.
  std::string HeldRecordKey;
  /// Indexed by a thread or CPU id somewhere (`slots[tid]`,
  /// `per_cpu[sched_getcpu()]`): one element per thread.
  bool IndexedByThread = false;
  /// Functions that write it (assignment, ++/--, a non-const member call
  /// such as atomic store or lock(), taking its address) outside
  /// constructors and destructors; seen when function bodies are parsed.
  std::vector<std::string> Writers;
  /// Functions that name it at all (up to a few dozen), outside
  /// constructors and destructors.
  std::vector<std::string> Readers;
  /// Every access seen in function bodies, one per source location.
  std::vector<FieldAccess> Accesses;
};

/// Where Clang put one field on one target, and what the reorder model needs
/// to place it elsewhere.
struct FieldLayout {
  uint64_t OffsetBits = 0;
  uint64_t SizeBytes = 0;    ///< Storage it occupies (0 for flexible arrays).
  uint64_t AlignBytes = 1;   ///< Alignment Clang used for it in this record.
  uint64_t ElementBytes = 0; ///< Slot containers: one element's size.
  /// The alignment its type asks for outside any packing (a vector type's,
  /// an aligned record's, alignas on it): what aligned SIMD loads rely on.
  uint64_t NaturalAlignBytes = 1;
  /// Bit-fields only: declared type size (the storage unit), in bits, and
  /// whether Clang may pad to keep it inside one unit.
  uint64_t StorageUnitBits = 0;
  uint64_t BitAlignBits = 0;
  bool BitFieldMayPad = true;
};

struct BaseLayout {
  std::string Name;
  bool IsVirtual = false;
  bool IsEmpty = false;
  uint64_t Offset = 0;
  uint64_t Size = 0; ///< The bytes the base occupies here (its nvsize).
};

/// The layout of a record on one target, straight from clang::ASTRecordLayout.
struct TargetLayout {
  std::string Triple;
  std::string Target;      ///< What messages call it: a preset or the triple.
  unsigned TargetRank = 0; ///< Its place in the run's --target list.
  bool MicrosoftLayout = false;
  unsigned PointerBytes = 8;
  unsigned CacheLineBytes = 64;
  /// std::hardware_destructive_interference_size where the TU's standard
  /// library declares it (C++17); 0 if not.
  uint64_t InterferenceBytes = 0;
  uint64_t Size = 0;
  uint64_t Align = 1;
  uint64_t DataSize = 0;
  /// End of what precedes the fields: vptr, vbptr and non-virtual bases.
  uint64_t FieldsBegin = 0;
  /// The size the bases alone force on the record (an empty base still
  /// takes a byte).
  uint64_t BasesEnd = 0;
  bool HasOwnVFPtr = false;
  bool HasOwnVBPtr = false;
  uint64_t VBPtrOffset = 0;
  std::vector<BaseLayout> Bases;
  std::vector<FieldLayout> Fields; ///< Parallel to RecordFacts::Fields.

  bool operator==(const TargetLayout &O) const;
};

/// Something a TU does with a record that makes its byte layout part of the
/// program's meaning, or a use the rewriter can't follow.
struct Hazard {
  enum KindType {
    OffsetOf,
    StaticAssert,
    ByteCopy,        ///< memcpy/fwrite/send... of the record's bytes
    PointerCast,     ///< reinterpret_cast or a C cast to another type
    UnionMember,     ///< a union holds it: type punning
    UnsupportedInit, ///< brace elision, nested designators, macros...
    LayoutContract,  ///< code the tool can't see, another definition, a
                     ///< comment that says the layout matters
  } Kind;
  SourceLoc Loc;
  std::string Detail;
  /// Set when the hazard is on a record that holds this one.
  std::string Via;
};

/// A written initialisation whose order follows the fields': a positional
/// aggregate initialiser, C++20 designated initialisers, or a constructor's
/// mem-initialiser list. Elements are in written order.
struct InitSite {
  enum KindType { Positional, Designated, Constructor } Kind;
  SourceLoc Loc;
  std::vector<unsigned> FieldOf; ///< The field each element initialises.
  /// In Loc.File, each with the comments written before it (the comment
  /// lines above an element that starts its line, `/* */` right before it).
  std::vector<SourceSpan> Elements;
  std::vector<std::string> Texts;
  /// What follows an element on its line: its comma, and a comment that
  /// ends the line (`a_(0),  // Filled by Recover()`). The comma stays with
  /// its place in the list, the comment moves with the element.
  struct Trailer {
    SourceSpan Span;        ///< From the element's end to the comment's end.
    std::string Comma;      ///< "," and the blanks before it, if any.
    std::string Comment;    ///< With the blanks before it; empty if none.
    bool CodeAfter = false; ///< Code follows on the line: a `//` comment
                            ///< moved here would swallow it.
  };
  std::vector<Trailer> Trailers; ///< Parallel to Elements.
  /// A comment between elements that belongs to none of them: it would stay
  /// behind when they move.
  bool StrandedComment = false;
};

/// How many objects of a record the program has, as far as the code shows:
/// what decides whether a cache line saved per object matters.
struct InstanceFacts {
  /// Held in an array or a container, or allocated as an array
  /// (`new T[n]`, `calloc(n, sizeof(T))`).
  bool InArray = false;
  /// Pointers to it are held in an array or a container (a hash table of
  /// nodes, a vector of unique_ptr): many objects, each on the heap.
  bool HeldByPointers = false;
  /// A node of a linked structure: a link to its own type (`next`, `left`,
  /// `child`...).
  bool IsNode = false;
  /// Allocated one by one inside a loop.
  bool AllocatedInLoop = false;
  /// Allocated on the heap (new, malloc) at all: it starts on the
  /// allocator's alignment, not the record's.
  bool OnHeap = false;
  /// Many objects: what hot-cold and aos-to-soa need to matter.
  bool many() const {
    return InArray || HeldByPointers || IsNode || AllocatedInLoop;
  }
};

/// An array of a record whose element is written at an index derived from
/// a thread id, a CPU id or a thread entry's parameter, or handed to a
/// thread as it starts: one slot per thread.
struct PerThreadSlots {
  SourceLoc Loc;     ///< The write, or where the element is handed over.
  std::string Array; ///< The array or pointer as written (`per_thread`).
  std::string Index; ///< The index as written (`id`).
  /// The element is handed to a thread as it starts (`&slots[i]` passed to
  /// pthread_create): the thread's own if the thread writes it.
  bool HandedToThread = false;
};

/// Everything one TU says about one complete record.
struct RecordFacts {
  std::string USR;
  std::string Name; ///< Qualified, printable: `ns::Foo<int>`, `(anonymous
                    ///< struct at f.h:3:5)`.
  /// How code spells the type (`struct node` in C); empty if it can't.
  std::string Spelling;
  RecordKind Kind = RecordKind::Struct;
  bool IsCXX = false;
  bool IsAnonymous = false;
  /// Instantiated from template text: a class template specialisation or a
  /// class nested in one. A fix to the text changes every instance.
  bool IsTemplateSpecialisation = false;
  bool IsPacked = false;      ///< `__attribute__((packed))` on the record.
  bool HasPragmaPack = false; ///< `#pragma pack` in force at the definition.
  bool HasVirtualBases = false;
  bool InMacro = false;
  SourceLoc Loc;       ///< The record's name (or keyword when anonymous).
  SourceSpan Span;     ///< From the keyword to the closing brace.
  SourceSpan BodySpan; ///< Between the braces.
  std::vector<FieldFacts> Fields;
  std::vector<TargetLayout> Layouts; ///< One per target the TU was parsed for.
  std::string SeenIn; ///< The main file of the TU this came from.
  /// Inside `extern "C"` (C++): an interface C and C++ share.
  bool IsExternC = false;
  /// Seen from a C TU, in a header that declares itself extern "C" for C++:
  /// a C++ TU may see it as IsExternC.
  bool InCxxExternCHeader = false;
  /// Its fields differ between the targets of the run (preprocessor
  /// conditionals on the target): each shape is analysed on its own
  /// targets, and no reorder is offered.
  bool FieldsDifferByTarget = false;
  /// C's "common first member" idiom: some TU casts a pointer to this record
  /// to a pointer to its first field's type, so that field stays first.
  bool FirstMemberIsBase = false;
  /// Uses, seen only when function bodies are parsed (--fix).
  std::vector<Hazard> Hazards;
  std::vector<InitSite> InitSites;
  /// Where an object of this record is allocated by means that only
  /// guarantee the default alignment (`new` without aligned new,
  /// malloc/calloc/realloc cast to a pointer to it, std::allocator before
  /// C++17): wrong for an over-aligned record, and a reason not to make it
  /// one.
  struct Allocation {
    SourceLoc Loc;
    std::string How;
    uint64_t GuaranteedAlign = 0; ///< Bytes.
  };
  std::vector<Allocation> UnalignedAllocations;
  /// Calls that hand a pointer to it to a function without a body in the
  /// TU (outside system headers): if no TU defines the function, its code
  /// (assembly, another language, a prebuilt library) may depend on the
  /// layout.
  struct OpaqueCall {
    SourceLoc Loc;
    std::string Callee; ///< Qualified name.
  };
  std::vector<OpaqueCall> OpaqueCalls;
  /// Records this one holds by value (fields, arrays) or derives from: when
  /// this one's layout is pinned, so is theirs.
  std::vector<std::string> ContainedKeys;
  /// The key of the class template this specialises, if any.
  std::string TemplateKey;
  /// Seen when function bodies are parsed.
  InstanceFacts Instances;
  std::vector<PerThreadSlots> ThreadSlots;

  /// The identity under which TUs are merged.
  std::string key() const;
};

/// One diagnostic of a parse, as verification compares them: where and what,
/// without line numbers (a rewrite moves lines).
struct ParseDiagnostic {
  bool IsError = false;
  unsigned ID = 0; ///< Clang's diagnostic ID (its kind).
  SourceLoc Loc;
  std::string Message;
  /// What stays the same when the code around it moves: an error's text; a
  /// warning's kind (a rewrite may name another field in a warning the code
  /// already had, such as -Wmissing-field-initializers).
  std::string key() const;
};

/// What one initialisation gives each field of a record: an aggregate
/// initialiser (positional, designated, brace-elided: its semantic form), a
/// constructor's mem-initialisers, or the default member initialisers.
struct InitMeaning {
  std::string RecordUSR;
  SourceLoc Loc;
  /// (field, the expression text that initialises it), by field name; the
  /// text is `<zero>` for a value-initialised field, `<default>` for one
  /// that takes its default member initialiser.
  std::vector<std::pair<std::string, std::string>> Values;
};

/// What a rewrite must leave unchanged in a TU (DESIGN.md section 4),
/// collected in fix mode, before and after the rewrite.
struct TUEvidence {
  /// Every file the TU read, normalised: in every mode (what a cached
  /// TU's facts depend on).
  std::vector<std::string> Files;
  std::vector<ParseDiagnostic> Diagnostics; ///< Errors and warnings.
  std::vector<InitMeaning> Inits;
};

/// The program's call graph and the functions it runs on threads of their
/// own, by qualified function name (as FieldFacts::Writers names them):
/// merged across TUs, it says which code can run at the same time.
struct CallGraphFacts {
  struct Call {
    std::string Caller, Callee;
    /// The caller makes it before it starts any thread, outside loops: the
    /// callee runs before those threads exist.
    bool BeforeThreads = false;
    bool operator<(const Call &O) const;
  };
  /// A function started on a thread: passed to pthread_create, thrd_create,
  /// std::thread/jthread, std::async or a configured starter, or holding an
  /// OpenMP parallel region.
  struct Root {
    std::string Function;
    std::string How; ///< `pthread_create`, `std::thread`, `OpenMP`...
    SourceLoc Loc;   ///< Where it is started.
    /// Started in a loop (or by OpenMP): several instances at once.
    bool Many = false;
  };
  std::vector<Call> Calls;
  std::vector<Root> Roots;
  /// (function type, function) for functions whose address is taken, and
  /// (caller, function type) for calls through pointers: a call through a
  /// pointer may reach any function of its type whose address is taken.
  std::vector<std::pair<std::string, std::string>> AddressTaken;
  std::vector<std::pair<std::string, std::string>> IndirectCalls;

  /// Adds \p From's facts, each once (CallGraphMerger, for many adds).
  void merge(const CallGraphFacts &From);
};

/// Adds call graphs to one, each fact once, keeping what it has seen
/// between adds: merging N TUs costs N adds, not N rebuilt indexes.
class CallGraphMerger {
public:
  explicit CallGraphMerger(CallGraphFacts &Into);
  void add(const CallGraphFacts &From);

private:
  CallGraphFacts &Into;
  std::set<CallGraphFacts::Call> Calls;
  std::set<std::tuple<std::string, std::string, unsigned>> Roots;
  std::set<std::pair<std::string, std::string>> AddressTaken, IndirectCalls;
};

/// Everything extracted from one translation unit.
struct TUFacts {
  std::string MainFile;
  /// Which of the main file's compile commands, where it has several.
  unsigned Command = 0;
  std::vector<RecordFacts> Records;
  /// Qualified names of the functions it defines (outside system headers),
  /// seen when function bodies are parsed.
  std::vector<std::string> DefinedFunctions;
  /// Seen when function bodies are parsed.
  CallGraphFacts CallGraph;
  /// USRs of records this TU sees only declared, whose pointer it casts to
  /// a pointer to another type (`*(void **)parser`): it reads their first
  /// member, which must stay first wherever they are defined.
  std::vector<std::string> OpaqueFirstMembers;
  /// Its Files always; the rest when ExtractOptions::CollectEvidence is set.
  TUEvidence Evidence;
};

/// One TU parsed for one target: its facts, or why there are none.
struct TUResult {
  std::string File;
  std::string Target; ///< The --target it was parsed for; empty: its own.
  /// Which of the file's compile commands (0-based) of how many: a file
  /// built in several configurations is analysed in each.
  unsigned Command = 0;
  unsigned Commands = 1;
  TUFacts Facts;
  bool Failed = false;
  std::string Error; ///< One line: what went wrong, naming the file.
  /// Options of its command the Clang driver does not know, left out.
  std::vector<std::string> UnknownArgs;
  /// Options the driver knows but rejected here, left out, with why.
  std::vector<std::pair<std::string, std::string>> RejectedArgs;
};

const char *toString(AccessKind A);
const char *toString(RecordKind K);

} // namespace structlayout

#endif
