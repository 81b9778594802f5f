/* C records are analysed like C++ ones. */
struct legacy_record {
  char tag;
  long long id;
  char flags;
  int count;
};

struct legacy_record legacy_default = {'x', 1, 0, 0};
